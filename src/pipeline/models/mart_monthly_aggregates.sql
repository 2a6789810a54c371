-- Per month of the appointment date: appointments by outcome, and the distinct patients and doctors seen.
SELECT
  a.appointment_month AS month,
  CAST(count(*) AS BIGINT) AS appointments,
  CAST(count(*) FILTER (WHERE a.status = 'completed') AS BIGINT) AS completed,
  CAST(count(*) FILTER (WHERE a.status = 'no_show') AS BIGINT) AS no_shows,
  CAST(count(*) FILTER (WHERE a.status = 'cancelled') AS BIGINT) AS cancelled,
  CAST(count(DISTINCT a.patient_id) AS BIGINT) AS patients,
  CAST(count(DISTINCT a.doctor_id) AS BIGINT) AS doctors
FROM staging.appointments AS a
GROUP BY a.appointment_month
