CREATE TABLE "icd10_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"description" text NOT NULL,
	CONSTRAINT "icd10_codes_code_check" CHECK ("icd10_codes"."code" ~ '^[A-Z][0-9A-Z]{2,6}$')
);
--> statement-breakpoint
CREATE TABLE "reference_data" (
	"name" text PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"rows" integer NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patient_id" uuid NOT NULL,
	"encounter_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"description" text NOT NULL,
	"amount" numeric(12,2) NOT NULL,
	"currency" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"doctor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"amended_at" timestamp with time zone,
	"amended_by_doctor_id" uuid,
	"amendment_reason" text,
	CONSTRAINT "billing_lines_amount_check" CHECK ("billing_lines"."amount" >= 0),
	CONSTRAINT "billing_lines_currency_check" CHECK ("billing_lines"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "clinical_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patient_id" uuid NOT NULL,
	"encounter_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"doctor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"amended_at" timestamp with time zone,
	"amended_by_doctor_id" uuid,
	"amendment_reason" text,
	CONSTRAINT "clinical_notes_body_check" CHECK (length("clinical_notes"."body") between 1 and 20000)
);
--> statement-breakpoint
CREATE TABLE "diagnoses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patient_id" uuid NOT NULL,
	"encounter_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"code" text NOT NULL,
	"text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"doctor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"amended_at" timestamp with time zone,
	"amended_by_doctor_id" uuid,
	"amendment_reason" text,
	CONSTRAINT "diagnoses_text_check" CHECK (length("diagnoses"."text") between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "encounters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patient_id" uuid NOT NULL,
	"appointment_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"doctor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"amended_at" timestamp with time zone,
	"amended_by_doctor_id" uuid,
	"amendment_reason" text,
	CONSTRAINT "encounters_reason_check" CHECK (length("encounters"."reason") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "lab_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patient_id" uuid NOT NULL,
	"encounter_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"test_name" text NOT NULL,
	"loinc" text,
	"value_numeric" numeric,
	"value_text" text,
	"unit" text,
	"reference_low" numeric,
	"reference_high" numeric,
	"abnormal" boolean,
	"version" integer DEFAULT 1 NOT NULL,
	"doctor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"amended_at" timestamp with time zone,
	"amended_by_doctor_id" uuid,
	"amendment_reason" text,
	CONSTRAINT "lab_results_one_value_check" CHECK (("lab_results"."value_numeric" is null) <> ("lab_results"."value_text" is null)),
	CONSTRAINT "lab_results_range_check" CHECK ("lab_results"."reference_low" <= "lab_results"."reference_high"),
	CONSTRAINT "lab_results_loinc_check" CHECK ("lab_results"."loinc" ~ '^[0-9]{1,7}-[0-9]$')
);
--> statement-breakpoint
CREATE TABLE "prescriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patient_id" uuid NOT NULL,
	"encounter_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"medication" text NOT NULL,
	"dose" text NOT NULL,
	"route" text NOT NULL,
	"frequency" text NOT NULL,
	"duration_days" integer,
	"instructions" text,
	"version" integer DEFAULT 1 NOT NULL,
	"doctor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"amended_at" timestamp with time zone,
	"amended_by_doctor_id" uuid,
	"amendment_reason" text,
	CONSTRAINT "prescriptions_route_check" CHECK ("prescriptions"."route" in ('oral', 'sublingual', 'topical', 'transdermal', 'inhaled', 'nasal', 'ophthalmic', 'otic', 'rectal', 'vaginal', 'subcutaneous', 'intramuscular', 'intravenous', 'other')),
	CONSTRAINT "prescriptions_duration_check" CHECK ("prescriptions"."duration_days" between 1 and 3650)
);
--> statement-breakpoint
CREATE TABLE "record_revisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entry_kind" text NOT NULL,
	"entry_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"doctor_id" uuid NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	"reason" text,
	"superseded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_revisions_kind_check" CHECK ("record_revisions"."entry_kind" in ('encounter', 'diagnosis', 'prescription', 'lab_result', 'note', 'billing_line'))
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"appointment_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"doctor_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"hidden_by_user_id" uuid,
	CONSTRAINT "ratings_score_check" CHECK ("ratings"."score" between 1 and 5),
	CONSTRAINT "ratings_comment_check" CHECK (length("ratings"."comment") <= 2000),
	CONSTRAINT "ratings_hidden_reason_check" CHECK ("ratings"."hidden_at" is null or length("ratings"."hidden_reason") >= 5)
);
--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_erased_unlinked_check" CHECK ("patients"."erased_at" is null or "patients"."user_id" is null);--> statement-breakpoint
ALTER TABLE "billing_lines" ADD CONSTRAINT "billing_lines_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_lines" ADD CONSTRAINT "billing_lines_encounter_id_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."encounters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_lines" ADD CONSTRAINT "billing_lines_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_lines" ADD CONSTRAINT "billing_lines_amended_by_doctor_id_doctors_id_fk" FOREIGN KEY ("amended_by_doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_notes" ADD CONSTRAINT "clinical_notes_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_notes" ADD CONSTRAINT "clinical_notes_encounter_id_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."encounters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_notes" ADD CONSTRAINT "clinical_notes_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_notes" ADD CONSTRAINT "clinical_notes_amended_by_doctor_id_doctors_id_fk" FOREIGN KEY ("amended_by_doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_encounter_id_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."encounters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_code_icd10_codes_code_fk" FOREIGN KEY ("code") REFERENCES "public"."icd10_codes"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_amended_by_doctor_id_doctors_id_fk" FOREIGN KEY ("amended_by_doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encounters" ADD CONSTRAINT "encounters_amended_by_doctor_id_doctors_id_fk" FOREIGN KEY ("amended_by_doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_encounter_id_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."encounters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_amended_by_doctor_id_doctors_id_fk" FOREIGN KEY ("amended_by_doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_encounter_id_encounters_id_fk" FOREIGN KEY ("encounter_id") REFERENCES "public"."encounters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_amended_by_doctor_id_doctors_id_fk" FOREIGN KEY ("amended_by_doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_revisions" ADD CONSTRAINT "record_revisions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "icd10_codes_prefix_idx" ON "icd10_codes" USING btree ("code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "icd10_codes_words_idx" ON "icd10_codes" USING gin (to_tsvector('simple', "description"));--> statement-breakpoint
CREATE INDEX "billing_lines_timeline_idx" ON "billing_lines" USING btree ("patient_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "billing_lines_encounter_idx" ON "billing_lines" USING btree ("encounter_id");--> statement-breakpoint
CREATE INDEX "clinical_notes_timeline_idx" ON "clinical_notes" USING btree ("patient_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "clinical_notes_encounter_idx" ON "clinical_notes" USING btree ("encounter_id");--> statement-breakpoint
CREATE INDEX "diagnoses_timeline_idx" ON "diagnoses" USING btree ("patient_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "diagnoses_encounter_idx" ON "diagnoses" USING btree ("encounter_id");--> statement-breakpoint
CREATE INDEX "diagnoses_code_idx" ON "diagnoses" USING btree ("code");--> statement-breakpoint
CREATE INDEX "encounters_timeline_idx" ON "encounters" USING btree ("patient_id","occurred_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "encounters_appointment_key" ON "encounters" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "lab_results_timeline_idx" ON "lab_results" USING btree ("patient_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "lab_results_encounter_idx" ON "lab_results" USING btree ("encounter_id");--> statement-breakpoint
CREATE INDEX "prescriptions_timeline_idx" ON "prescriptions" USING btree ("patient_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "prescriptions_encounter_idx" ON "prescriptions" USING btree ("encounter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_revisions_entry_version_key" ON "record_revisions" USING btree ("entry_id","version");--> statement-breakpoint
CREATE INDEX "record_revisions_patient_idx" ON "record_revisions" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_appointment_key" ON "ratings" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "ratings_doctor_idx" ON "ratings" USING btree ("doctor_id","created_at","id");--> statement-breakpoint
CREATE INDEX "ratings_patient_idx" ON "ratings" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "ratings_recent_idx" ON "ratings" USING btree ("created_at","id");