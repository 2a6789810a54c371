-- Per month of the appointment date: appointments by outcome, and the distinct patients and doctors seen
-- (each counted on the one appointment intermediate.appointments flags as their first in the month);
-- grouped by the month's integer key and dated afterwards.
WITH counts AS (
  SELECT
    month_key,
    count(*) AS appointments,
    sum(completed) AS completed,
    sum(no_show) AS no_shows,
    sum(cancelled) AS cancelled,
    sum(first_of_patient_in_month) AS patients,
    sum(first_of_doctor_in_month) AS doctors
  FROM intermediate.appointments
  GROUP BY month_key
)
SELECT
  m.month,
  CAST(c.appointments AS BIGINT) AS appointments,
  CAST(c.completed AS BIGINT) AS completed,
  CAST(c.no_shows AS BIGINT) AS no_shows,
  CAST(c.cancelled AS BIGINT) AS cancelled,
  CAST(c.patients AS BIGINT) AS patients,
  CAST(c.doctors AS BIGINT) AS doctors
FROM counts AS c
JOIN intermediate.months AS m ON m.month_key = c.month_key
