-- Doctors of the current partition.
SELECT
  d."DoctorID" AS doctor_id,
  d."DoctorName" AS doctor_name,
  d."Specialty" AS specialty,
  d."ClinicID" AS clinic_id,
  d."SlotMinutes" AS slot_minutes
FROM raw.doctors AS d
WHERE d.load_date = (SELECT load_date FROM meta.current)
