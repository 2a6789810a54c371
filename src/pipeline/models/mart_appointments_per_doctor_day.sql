-- Appointments per doctor and per day (days with at least one booking), by outcome.
SELECT
  a.doctor_id,
  a.appointment_date AS day,
  CAST(count(*) AS BIGINT) AS appointments,
  CAST(count(*) FILTER (WHERE a.status = 'completed') AS BIGINT) AS completed,
  CAST(count(*) FILTER (WHERE a.status = 'no_show') AS BIGINT) AS no_shows
FROM staging.appointments AS a
GROUP BY a.doctor_id, a.appointment_date
