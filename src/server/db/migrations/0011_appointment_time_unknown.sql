-- Hand-written: Drizzle has no builder for EXCLUDE constraints.
-- Imported visits whose source gives only the day (time_known = false, e.g. the public no-show data) span
-- the clinic's local day; a patient may have several on one day. They stay out of the overlap constraints,
-- which keep guarding every appointment with a real time (all native bookings).
ALTER TABLE "appointments" DROP CONSTRAINT "appointments_doctor_no_overlap";
--> statement-breakpoint
ALTER TABLE "appointments" DROP CONSTRAINT "appointments_patient_no_overlap";
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_doctor_no_overlap"
  EXCLUDE USING gist ("doctor_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" <> 'cancelled' AND "time_known");
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_no_overlap"
  EXCLUDE USING gist ("patient_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" <> 'cancelled' AND "time_known");
