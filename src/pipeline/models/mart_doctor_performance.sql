-- Every doctor: appointments by outcome, distinct patients booked, and the total billed at their visits.
WITH appts AS (
  SELECT
    doctor_id,
    count(*) AS appointments,
    sum(completed) AS completed,
    sum(no_show) AS no_shows,
    sum(first_with_doctor) AS patients
  FROM intermediate.appointments
  GROUP BY doctor_id
), billing AS (
  SELECT doctor_id, sum(billing) AS total_billing FROM intermediate.records GROUP BY doctor_id
)
SELECT
  d.doctor_id,
  d.doctor_name,
  d.specialty,
  d.clinic_id,
  CAST(coalesce(a.appointments, 0) AS BIGINT) AS appointments,
  CAST(coalesce(a.completed, 0) AS BIGINT) AS completed,
  CAST(coalesce(a.no_shows, 0) AS BIGINT) AS no_shows,
  CAST(coalesce(a.patients, 0) AS BIGINT) AS patients,
  CAST(coalesce(b.total_billing, 0) AS DECIMAL(18,2)) AS total_billing
FROM staging.doctors AS d
LEFT JOIN appts AS a ON a.doctor_id = d.doctor_id
LEFT JOIN billing AS b ON b.doctor_id = d.doctor_id
