-- No-show rate by how far ahead the appointment was booked (cancelled appointments excluded).
WITH banded AS (
  SELECT
    no_show,
    CASE WHEN lead_days = 0 THEN 0 WHEN lead_days <= 2 THEN 1 WHEN lead_days <= 7 THEN 2
         WHEN lead_days <= 14 THEN 3 WHEN lead_days <= 30 THEN 4 ELSE 5 END AS band_order
  FROM staging.appointments
  WHERE status <> 'cancelled'
)
SELECT
  CAST(band_order AS INTEGER) AS band_order,
  CAST(CASE band_order WHEN 0 THEN 'same day' WHEN 1 THEN '1-2 days' WHEN 2 THEN '3-7 days'
       WHEN 3 THEN '8-14 days' WHEN 4 THEN '15-30 days' ELSE '31+ days' END AS VARCHAR) AS lead_time,
  CAST(count(*) AS BIGINT) AS appointments,
  CAST(count(*) FILTER (WHERE no_show) AS BIGINT) AS no_shows,
  CAST(round(CAST(count(*) FILTER (WHERE no_show) AS DECIMAL(18,6)) / count(*), 4) AS DECIMAL(6,4)) AS no_show_rate
FROM banded
GROUP BY band_order
