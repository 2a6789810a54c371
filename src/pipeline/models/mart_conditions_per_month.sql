-- Diagnoses written per month of the visit: how many, and in how many distinct patients (grouped by the
-- month's and the code's integer keys, dated and named afterwards).
WITH counts AS (
  SELECT
    month_key,
    code_key,
    count(*) AS diagnoses,
    sum(first_of_patient_code_in_month) AS patients
  FROM intermediate.records
  GROUP BY month_key, code_key
)
SELECT
  m.month,
  k.icd10_code,
  k.diagnosis,
  CAST(c.diagnoses AS BIGINT) AS diagnoses,
  CAST(c.patients AS BIGINT) AS patients
FROM counts AS c
JOIN intermediate.months AS m ON m.month_key = c.month_key
JOIN intermediate.codes AS k ON k.code_key = c.code_key
