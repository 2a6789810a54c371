-- No-show rate by the neighbourhood the patient lives in (cancelled appointments excluded).
SELECT
  p.neighbourhood,
  CAST(count(*) AS BIGINT) AS appointments,
  CAST(count(*) FILTER (WHERE a.no_show) AS BIGINT) AS no_shows,
  CAST(round(CAST(count(*) FILTER (WHERE a.no_show) AS DECIMAL(18,6)) / count(*), 4) AS DECIMAL(6,4)) AS no_show_rate
FROM staging.appointments AS a
JOIN staging.patients AS p ON p.patient_id = a.patient_id
WHERE a.status <> 'cancelled'
GROUP BY p.neighbourhood
