-- Patients of the current partition, with the age band used by the no-show marts. No names or contacts.
SELECT
  p."PatientID" AS patient_id,
  p."Gender" AS gender,
  p."Age" AS age,
  CAST(CASE WHEN p."Age" >= 80 THEN '80+'
            ELSE CAST(p."Age" - p."Age" % 10 AS VARCHAR) || '-' || CAST(p."Age" - p."Age" % 10 + 9 AS VARCHAR)
       END AS VARCHAR) AS age_band,
  p."Neighbourhood" AS neighbourhood,
  p."Scholarship" AS scholarship,
  p."Hipertension" AS hypertension,
  p."Diabetes" AS diabetes,
  p."Alcoholism" AS alcoholism,
  p."Handcap" AS handicap,
  p."ClinicID" AS clinic_id
FROM raw.patients AS p
WHERE p.load_date = (SELECT load_date FROM meta.current)
