-- Diagnoses by the specialty of the doctor who wrote them, grouped by integer keys and named afterwards.
WITH counts AS (
  SELECT
    specialty_key,
    code_key,
    count(*) AS diagnoses,
    sum(first_of_patient_code_in_specialty) AS patients
  FROM intermediate.records
  GROUP BY specialty_key, code_key
)
SELECT
  s.specialty,
  k.icd10_code,
  k.diagnosis,
  CAST(c.diagnoses AS BIGINT) AS diagnoses,
  CAST(c.patients AS BIGINT) AS patients
FROM counts AS c
JOIN intermediate.specialties AS s ON s.specialty_key = c.specialty_key
JOIN intermediate.codes AS k ON k.code_key = c.code_key
