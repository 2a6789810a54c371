CREATE TABLE "clinic_holidays" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "clinic_holidays_clinic_day_key" UNIQUE("clinic_id","day")
);
--> statement-breakpoint
CREATE TABLE "doctor_day_overrides" (
	"id" uuid PRIMARY KEY NOT NULL,
	"doctor_id" uuid NOT NULL,
	"day" date NOT NULL,
	"start_time" time,
	"end_time" time,
	CONSTRAINT "doctor_day_overrides_times_check" CHECK (("doctor_day_overrides"."start_time" is null and "doctor_day_overrides"."end_time" is null) or ("doctor_day_overrides"."start_time" is not null and "doctor_day_overrides"."end_time" > "doctor_day_overrides"."start_time"))
);
--> statement-breakpoint
CREATE TABLE "doctor_time_off" (
	"id" uuid PRIMARY KEY NOT NULL,
	"doctor_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doctor_time_off_order_check" CHECK ("doctor_time_off"."ends_at" > "doctor_time_off"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "doctor_weekly_hours" (
	"id" uuid PRIMARY KEY NOT NULL,
	"doctor_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	CONSTRAINT "doctor_weekly_hours_weekday_check" CHECK ("doctor_weekly_hours"."weekday" between 1 and 7),
	CONSTRAINT "doctor_weekly_hours_order_check" CHECK ("doctor_weekly_hours"."end_time" > "doctor_weekly_hours"."start_time")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"appointment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_key" UNIQUE("user_id","key")
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "booked_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "cancellation_reason" text;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "buffer_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "min_notice_minutes" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "doctors" ADD COLUMN "horizon_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "clinic_holidays" ADD CONSTRAINT "clinic_holidays_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_day_overrides" ADD CONSTRAINT "doctor_day_overrides_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_time_off" ADD CONSTRAINT "doctor_time_off_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_weekly_hours" ADD CONSTRAINT "doctor_weekly_hours_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "doctor_day_overrides_doctor_idx" ON "doctor_day_overrides" USING btree ("doctor_id","day");--> statement-breakpoint
CREATE INDEX "doctor_time_off_doctor_idx" ON "doctor_time_off" USING btree ("doctor_id","starts_at");--> statement-breakpoint
CREATE INDEX "doctor_weekly_hours_doctor_idx" ON "doctor_weekly_hours" USING btree ("doctor_id","weekday");--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_buffer_minutes_check" CHECK ("doctors"."buffer_minutes" between 0 and 240);--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_min_notice_check" CHECK ("doctors"."min_notice_minutes" between 0 and 43200);--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_horizon_days_check" CHECK ("doctors"."horizon_days" between 1 and 730);