-- Diagnoses (one row per diagnosis) of the current partition; billing stays DECIMAL(12,2).
SELECT
  r."RecordID" AS record_id,
  r."AppointmentID" AS appointment_id,
  r."PatientID" AS patient_id,
  r."DoctorID" AS doctor_id,
  r."ClinicID" AS clinic_id,
  r."LastReportDate" AS visit_date,
  CAST(date_trunc('month', r."LastReportDate") AS DATE) AS visit_month,
  r."ICD10Code" AS icd10_code,
  r."HealthDisease" AS diagnosis,
  r."LastBilling" AS billing,
  r."DiagnosisRank" AS diagnosis_rank
FROM raw.records AS r
WHERE r.load_date = (SELECT load_date FROM meta.current)
