CREATE SEQUENCE "public"."clinic_code_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."doctor_code_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."patient_code_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"external_id" bigint,
	"doctor_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"reason" text,
	"booked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "appointments_time_order_check" CHECK ("appointments"."ends_at" > "appointments"."starts_at"),
	CONSTRAINT "appointments_status_check" CHECK ("appointments"."status" in ('booked', 'checked_in', 'completed', 'no_show', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "clinics" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text DEFAULT ('C' || lpad(nextval('clinic_code_seq')::text, 3, '0')) NOT NULL,
	"name" text NOT NULL,
	"neighbourhood" text NOT NULL,
	"address" text,
	"latitude" double precision,
	"longitude" double precision,
	"timezone" text NOT NULL,
	"capacity" integer DEFAULT 100 NOT NULL,
	"emergency_phone" text NOT NULL,
	"closed_on_weekends" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinics_code_unique" UNIQUE("code"),
	CONSTRAINT "clinics_capacity_check" CHECK ("clinics"."capacity" > 0),
	CONSTRAINT "clinics_latitude_check" CHECK ("clinics"."latitude" between -90 and 90),
	CONSTRAINT "clinics_longitude_check" CHECK ("clinics"."longitude" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "doctors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text DEFAULT ('D' || lpad(nextval('doctor_code_seq')::text, 4, '0')) NOT NULL,
	"user_id" uuid,
	"clinic_id" uuid NOT NULL,
	"name" text NOT NULL,
	"specialty" text NOT NULL,
	"email" text,
	"phone" text,
	"slot_minutes" integer DEFAULT 30 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doctors_code_unique" UNIQUE("code"),
	CONSTRAINT "doctors_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "doctors_slot_minutes_check" CHECK ("doctors"."slot_minutes" between 5 and 480)
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text DEFAULT ('P' || lpad(nextval('patient_code_seq')::text, 4, '0')) NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"neighbourhood" text NOT NULL,
	"scholarship" boolean DEFAULT false NOT NULL,
	"hypertension" boolean DEFAULT false NOT NULL,
	"diabetes" boolean DEFAULT false NOT NULL,
	"alcoholism" boolean DEFAULT false NOT NULL,
	"handicap" smallint DEFAULT 0 NOT NULL,
	"email" text,
	"phone" text,
	"address" text,
	"latitude" double precision,
	"longitude" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patients_code_unique" UNIQUE("code"),
	CONSTRAINT "patients_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "patients_gender_check" CHECK ("patients"."gender" in ('F', 'M', 'X')),
	CONSTRAINT "patients_handicap_check" CHECK ("patients"."handicap" between 0 and 4),
	CONSTRAINT "patients_birth_date_check" CHECK ("patients"."birth_date" >= date '1900-01-01'),
	CONSTRAINT "patients_latitude_check" CHECK ("patients"."latitude" between -90 and 90),
	CONSTRAINT "patients_longitude_check" CHECK ("patients"."longitude" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"display_name" text NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('patient', 'doctor', 'admin'))
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointments_doctor_start_idx" ON "appointments" USING btree ("doctor_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_patient_start_idx" ON "appointments" USING btree ("patient_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_clinic_start_idx" ON "appointments" USING btree ("clinic_id","starts_at");--> statement-breakpoint
CREATE INDEX "clinics_name_idx" ON "clinics" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "doctors_name_idx" ON "doctors" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "doctors_specialty_idx" ON "doctors" USING btree ("specialty","name","id");--> statement-breakpoint
CREATE INDEX "doctors_clinic_idx" ON "doctors" USING btree ("clinic_id","name","id");--> statement-breakpoint
CREATE INDEX "patients_name_idx" ON "patients" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "patients_neighbourhood_idx" ON "patients" USING btree ("neighbourhood");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));