CREATE TABLE "pipeline_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"run_date" date NOT NULL,
	"source" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" text,
	"owner" text,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "pipeline_runs_status_check" CHECK ("pipeline_runs"."status" in ('pending', 'running', 'succeeded', 'failed')),
	CONSTRAINT "pipeline_runs_source_check" CHECK ("pipeline_runs"."source" in ('synthetic', 'platform'))
);
--> statement-breakpoint
CREATE TABLE "pipeline_steps" (
	"run_id" uuid NOT NULL,
	"step" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"output" jsonb,
	"error" text,
	"logs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "pipeline_steps_run_id_step_pk" PRIMARY KEY("run_id","step"),
	CONSTRAINT "pipeline_steps_status_check" CHECK ("pipeline_steps"."status" in ('pending', 'running', 'succeeded', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "pipeline_steps" ADD CONSTRAINT "pipeline_steps_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pipeline_runs_recent_idx" ON "pipeline_runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "pipeline_runs_status_idx" ON "pipeline_runs" USING btree ("status");