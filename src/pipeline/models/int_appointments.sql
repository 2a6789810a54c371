-- Every appointment of the current partition, ready for the marts to aggregate in one pass: outcomes as 0/1
-- integers (marts sum them: a plain vectorized sum, about twice as fast on DuckDB as count(*) FILTER), the
-- lead-time band, the month's key, the patient's age band and neighbourhood keys (the join to patients done
-- once here, not in each mart), and first-occurrence flags that turn the marts' distinct counts into sums: each
-- (month, patient), (month, doctor) and (doctor, patient) is flagged on exactly one of its appointments, the
-- one with the lowest id. Only the columns the marts read; built once per run and shared by them.
WITH patients AS (
  SELECT p.patient_id, b.age_band_key, n.neighbourhood_key
  FROM staging.patients AS p
  JOIN intermediate.age_bands AS b ON b.age_band = p.age_band
  JOIN intermediate.neighbourhoods AS n ON n.neighbourhood = p.neighbourhood
), first_of_patient_month AS (
  SELECT min(appointment_id) AS appointment_id FROM staging.appointments GROUP BY appointment_month, patient_id
), first_of_doctor_month AS (
  SELECT min(appointment_id) AS appointment_id FROM staging.appointments GROUP BY appointment_month, doctor_id
), first_of_doctor_patient AS (
  SELECT min(appointment_id) AS appointment_id FROM staging.appointments GROUP BY doctor_id, patient_id
)
SELECT
  a.appointment_id,
  a.patient_id,
  a.doctor_id,
  a.appointment_date,
  m.month_key,
  a.starts_at,
  CAST(a.status = 'completed' AS INTEGER) AS completed,
  CAST(a.no_show AS INTEGER) AS no_show,
  CAST(a.status = 'cancelled' AS INTEGER) AS cancelled,
  CAST(CASE WHEN a.lead_days = 0 THEN 0 WHEN a.lead_days <= 2 THEN 1 WHEN a.lead_days <= 7 THEN 2
            WHEN a.lead_days <= 14 THEN 3 WHEN a.lead_days <= 30 THEN 4 ELSE 5 END AS INTEGER) AS lead_band,
  p.age_band_key,
  p.neighbourhood_key,
  CAST(pm.appointment_id IS NOT NULL AS INTEGER) AS first_of_patient_in_month,
  CAST(dm.appointment_id IS NOT NULL AS INTEGER) AS first_of_doctor_in_month,
  CAST(dp.appointment_id IS NOT NULL AS INTEGER) AS first_with_doctor
FROM staging.appointments AS a
LEFT JOIN intermediate.months AS m ON m.month = a.appointment_month
LEFT JOIN patients AS p ON p.patient_id = a.patient_id
LEFT JOIN first_of_patient_month AS pm ON pm.appointment_id = a.appointment_id
LEFT JOIN first_of_doctor_month AS dm ON dm.appointment_id = a.appointment_id
LEFT JOIN first_of_doctor_patient AS dp ON dp.appointment_id = a.appointment_id
