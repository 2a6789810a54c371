-- One row: the average number of appointments per registered patient, and per patient with any booking.
WITH counts AS (
  SELECT
    (SELECT count(*) FROM staging.patients) AS patients,
    (SELECT count(DISTINCT patient_id) FROM staging.appointments) AS patients_with_appointments,
    (SELECT count(*) FROM staging.appointments) AS appointments
)
SELECT
  CAST(patients AS BIGINT) AS patients,
  CAST(patients_with_appointments AS BIGINT) AS patients_with_appointments,
  CAST(appointments AS BIGINT) AS appointments,
  CAST(round(CAST(appointments AS DECIMAL(18,6)) / nullif(patients, 0), 4) AS DECIMAL(12,4)) AS avg_per_patient,
  CAST(round(CAST(appointments AS DECIMAL(18,6)) / nullif(patients_with_appointments, 0), 4) AS DECIMAL(12,4)) AS avg_per_active_patient
FROM counts
