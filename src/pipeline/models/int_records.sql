-- Every diagnosis of the current partition with the keys of its code, its month and the specialty of the
-- doctor who wrote it (joined once here), and first-occurrence flags (0/1) for the marts' distinct-patient counts:
-- each (month, code, patient), (specialty, code, patient) and (doctor, patient) is flagged on exactly one of
-- its diagnoses, the one with the lowest record id. Only the columns the marts read; built once per run.
WITH diagnoses AS (
  SELECT r.record_id, r.patient_id, r.doctor_id, s.specialty_key, m.month_key, c.code_key, r.billing
  FROM staging.records AS r
  JOIN staging.doctors AS d ON d.doctor_id = r.doctor_id
  JOIN intermediate.specialties AS s ON s.specialty = d.specialty
  JOIN intermediate.months AS m ON m.month = r.visit_month
  JOIN intermediate.codes AS c ON c.icd10_code = r.icd10_code
), first_of_patient_month_code AS (
  SELECT min(record_id) AS record_id FROM diagnoses GROUP BY month_key, code_key, patient_id
), first_of_patient_specialty_code AS (
  SELECT min(record_id) AS record_id FROM diagnoses GROUP BY specialty_key, code_key, patient_id
), first_of_doctor_patient AS (
  SELECT min(record_id) AS record_id FROM diagnoses GROUP BY doctor_id, patient_id
)
SELECT
  x.record_id,
  x.doctor_id,
  x.specialty_key,
  x.month_key,
  x.code_key,
  x.billing,
  CAST(pm.record_id IS NOT NULL AS INTEGER) AS first_of_patient_code_in_month,
  CAST(ps.record_id IS NOT NULL AS INTEGER) AS first_of_patient_code_in_specialty,
  CAST(dp.record_id IS NOT NULL AS INTEGER) AS first_with_doctor
FROM diagnoses AS x
LEFT JOIN first_of_patient_month_code AS pm ON pm.record_id = x.record_id
LEFT JOIN first_of_patient_specialty_code AS ps ON ps.record_id = x.record_id
LEFT JOIN first_of_doctor_patient AS dp ON dp.record_id = x.record_id
