-- Hand-written first statement (Drizzle generated the index): earlier versions could leave several runs of
-- one date pending or running (two admins queueing at once). Every pending or running run that has a newer
-- run of the same date is superseded: it is marked failed, so the index below can be built and a resume
-- never continues it (the newer run is the date's run).
UPDATE "pipeline_runs" AS r
SET "status" = 'failed',
    "error" = 'superseded by a newer run of the same date',
    "finished_at" = now(),
    "lease_until" = NULL
WHERE r."status" IN ('pending', 'running')
  AND EXISTS (
    SELECT 1 FROM "pipeline_runs" AS n
    WHERE n."run_date" = r."run_date"
      AND (n."created_at", n."id") > (r."created_at", r."id")
  );
--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_runs_one_active_per_date" ON "pipeline_runs" USING btree ("run_date") WHERE "pipeline_runs"."status" in ('pending', 'running');
