-- Diagnoses by the specialty of the doctor who wrote them.
SELECT
  d.specialty,
  r.icd10_code,
  min(r.diagnosis) AS diagnosis,
  CAST(count(*) AS BIGINT) AS diagnoses,
  CAST(count(DISTINCT r.patient_id) AS BIGINT) AS patients
FROM staging.records AS r
JOIN staging.doctors AS d ON d.doctor_id = r.doctor_id
GROUP BY d.specialty, r.icd10_code
