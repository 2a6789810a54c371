CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"format" text NOT NULL,
	"source" text NOT NULL,
	"path" text NOT NULL,
	"rows" integer NOT NULL,
	"report" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_runs_format_check" CHECK ("import_runs"."format" in ('healthsynth', 'noshow', 'synthea'))
);
--> statement-breakpoint
CREATE TABLE "import_source_ids" (
	"source" text NOT NULL,
	"entity" text NOT NULL,
	"source_id" text NOT NULL,
	"target_id" uuid NOT NULL,
	"matched_by" text,
	"run_id" uuid NOT NULL,
	CONSTRAINT "import_source_ids_source_entity_source_id_pk" PRIMARY KEY("source","entity","source_id"),
	CONSTRAINT "import_source_ids_entity_check" CHECK ("import_source_ids"."entity" in ('clinic', 'doctor', 'patient', 'appointment', 'encounter', 'entry'))
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "time_known" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "import_runs_finished_idx" ON "import_runs" USING btree ("finished_at");
