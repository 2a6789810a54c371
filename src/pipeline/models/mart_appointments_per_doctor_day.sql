-- Appointments per doctor and per day (days with at least one booking), by outcome.
SELECT
  a.doctor_id,
  a.appointment_date AS day,
  CAST(count(*) AS BIGINT) AS appointments,
  CAST(sum(a.completed) AS BIGINT) AS completed,
  CAST(sum(a.no_show) AS BIGINT) AS no_shows
FROM intermediate.appointments AS a
GROUP BY a.doctor_id, a.appointment_date
