-- Per month of the appointment date: appointments by outcome, and the distinct patients and doctors seen
-- (each counted on the one appointment intermediate.appointments flags as their first in the month).
SELECT
  a.appointment_month AS month,
  CAST(count(*) AS BIGINT) AS appointments,
  CAST(sum(a.completed) AS BIGINT) AS completed,
  CAST(sum(a.no_show) AS BIGINT) AS no_shows,
  CAST(sum(a.cancelled) AS BIGINT) AS cancelled,
  CAST(sum(a.first_of_patient_in_month) AS BIGINT) AS patients,
  CAST(sum(a.first_of_doctor_in_month) AS BIGINT) AS doctors
FROM intermediate.appointments AS a
GROUP BY a.appointment_month
