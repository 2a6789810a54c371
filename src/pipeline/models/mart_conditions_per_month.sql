-- Diagnoses written per month of the visit: how many, and in how many distinct patients (grouped by the
-- code's integer key and named afterwards).
WITH counts AS (
  SELECT
    visit_month,
    code_key,
    count(*) AS diagnoses,
    sum(first_of_patient_code_in_month) AS patients
  FROM intermediate.records
  GROUP BY visit_month, code_key
)
SELECT
  c.visit_month AS month,
  k.icd10_code,
  k.diagnosis,
  CAST(c.diagnoses AS BIGINT) AS diagnoses,
  CAST(c.patients AS BIGINT) AS patients
FROM counts AS c
JOIN intermediate.codes AS k ON k.code_key = c.code_key
