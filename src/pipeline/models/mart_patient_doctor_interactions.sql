-- Every patient–doctor pair with at least one attended (completed) visit: how many, the latest one, and the
-- main (rank 1) diagnosis written at that latest visit (ties on the start broken by appointment id).
-- Window functions rather than DuckDB's arg_max, so the same SQL also runs on PostgreSQL (the benchmark).
WITH visits AS (
  SELECT
    patient_id,
    doctor_id,
    appointment_id,
    appointment_date,
    count(*) OVER (PARTITION BY patient_id, doctor_id) AS visits,
    row_number() OVER (PARTITION BY patient_id, doctor_id ORDER BY starts_at DESC, appointment_id DESC) AS recency
  FROM intermediate.appointments
  WHERE completed = 1
)
SELECT
  v.patient_id,
  v.doctor_id,
  CAST(v.visits AS BIGINT) AS visits,
  v.appointment_id AS last_appointment_id,
  v.appointment_date AS last_visit_date,
  r.icd10_code AS last_icd10_code,
  r.diagnosis AS last_diagnosis
FROM visits AS v
LEFT JOIN staging.records AS r ON r.appointment_id = v.appointment_id AND r.diagnosis_rank = 1
WHERE v.recency = 1
