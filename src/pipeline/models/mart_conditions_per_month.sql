-- Diagnoses written per month of the visit: how many, and in how many distinct patients.
SELECT
  r.visit_month AS month,
  r.icd10_code,
  min(r.diagnosis) AS diagnosis,
  CAST(count(*) AS BIGINT) AS diagnoses,
  CAST(count(DISTINCT r.patient_id) AS BIGINT) AS patients
FROM staging.records AS r
GROUP BY r.visit_month, r.icd10_code
