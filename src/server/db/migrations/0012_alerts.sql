CREATE TABLE "alert_recipients" (
	"alert_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"notified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_recipients_alert_id_user_id_pk" PRIMARY KEY("alert_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"neighbourhood" text NOT NULL,
	"condition_kind" text NOT NULL,
	"condition_key" text NOT NULL,
	"condition_label" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"methods" text[] NOT NULL,
	"opened_on" date NOT NULL,
	"last_alarm_on" date NOT NULL,
	"closed_on" date,
	"observed" integer NOT NULL,
	"expected" double precision NOT NULL,
	"score" double precision NOT NULL,
	"alarm_days" integer DEFAULT 1 NOT NULL,
	"days" jsonb NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmed_by_user_id" uuid,
	"auto_confirmed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alerts_status_check" CHECK ("alerts"."status" in ('open', 'confirmed', 'closed')),
	CONSTRAINT "alerts_kind_check" CHECK ("alerts"."condition_kind" in ('icd10', 'reason')),
	CONSTRAINT "alerts_observed_check" CHECK ("alerts"."observed" >= 0),
	CONSTRAINT "alerts_closed_check" CHECK (("alerts"."status" = 'closed') = ("alerts"."closed_on" is not null)),
	CONSTRAINT "alerts_confirmed_check" CHECK ("alerts"."status" <> 'confirmed' or "alerts"."confirmed_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "alert_recipients" ADD CONSTRAINT "alert_recipients_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_recipients" ADD CONSTRAINT "alert_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_confirmed_by_user_id_users_id_fk" FOREIGN KEY ("confirmed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_active_key" ON "alerts" USING btree ("neighbourhood","condition_kind","condition_key") WHERE "alerts"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "alerts_area_idx" ON "alerts" USING btree ("neighbourhood","opened_on");--> statement-breakpoint
CREATE INDEX "alerts_recent_idx" ON "alerts" USING btree ("opened_on","id");