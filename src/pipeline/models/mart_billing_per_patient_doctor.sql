-- Each doctor's average billing per patient: the total billed at their visits divided by the distinct
-- patients billed (Health Synth's original report, the bar chart coloured by specialty).
WITH billed AS (
  SELECT
    doctor_id,
    sum(first_with_doctor) AS patients,
    sum(billing) AS total_billing
  FROM intermediate.records
  GROUP BY doctor_id
)
SELECT
  d.doctor_id,
  d.doctor_name,
  d.specialty,
  CAST(b.patients AS BIGINT) AS patients,
  CAST(b.total_billing AS DECIMAL(18,2)) AS total_billing,
  CAST(round(b.total_billing / b.patients, 2) AS DECIMAL(18,2)) AS avg_billing_per_patient
FROM billed AS b
JOIN staging.doctors AS d ON d.doctor_id = b.doctor_id
