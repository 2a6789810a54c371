-- Hand-written: Drizzle has no builder for EXCLUDE constraints.
-- No doctor and no patient may have two active (not cancelled) appointments whose [start, end) ranges
-- overlap. The database enforces it, so concurrent bookings cannot both win (SQLSTATE 23P01).
-- btree_gist lets the uuid equality share one GiST index with the range overlap.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_doctor_no_overlap"
  EXCLUDE USING gist ("doctor_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" <> 'cancelled');
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_no_overlap"
  EXCLUDE USING gist ("patient_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" <> 'cancelled');
