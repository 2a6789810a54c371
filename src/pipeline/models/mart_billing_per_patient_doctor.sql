-- Each doctor's average billing per patient: the total billed at their visits divided by the distinct
-- patients billed (Health Synth's original report, the bar chart coloured by specialty).
SELECT
  d.doctor_id,
  d.doctor_name,
  d.specialty,
  CAST(count(DISTINCT r.patient_id) AS BIGINT) AS patients,
  CAST(sum(r.billing) AS DECIMAL(18,2)) AS total_billing,
  CAST(round(sum(r.billing) / count(DISTINCT r.patient_id), 2) AS DECIMAL(18,2)) AS avg_billing_per_patient
FROM staging.records AS r
JOIN staging.doctors AS d ON d.doctor_id = r.doctor_id
GROUP BY d.doctor_id, d.doctor_name, d.specialty
