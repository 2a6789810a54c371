ALTER TABLE "clinics" ALTER COLUMN "code" SET DEFAULT readable_code('C', nextval('clinic_code_seq'), 3);--> statement-breakpoint
ALTER TABLE "doctors" ALTER COLUMN "code" SET DEFAULT readable_code('D', nextval('doctor_code_seq'), 4);--> statement-breakpoint
ALTER TABLE "patients" ALTER COLUMN "code" SET DEFAULT readable_code('P', nextval('patient_code_seq'), 4);