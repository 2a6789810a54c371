-- No-show rate by how far ahead the appointment was booked (cancelled appointments excluded); the bands are
-- intermediate.appointments' lead_band.
SELECT
  a.lead_band AS band_order,
  CAST(CASE a.lead_band WHEN 0 THEN 'same day' WHEN 1 THEN '1-2 days' WHEN 2 THEN '3-7 days'
       WHEN 3 THEN '8-14 days' WHEN 4 THEN '15-30 days' ELSE '31+ days' END AS VARCHAR) AS lead_time,
  CAST(count(*) AS BIGINT) AS appointments,
  CAST(sum(a.no_show) AS BIGINT) AS no_shows,
  CAST(round(CAST(sum(a.no_show) AS DECIMAL(18,6)) / count(*), 4) AS DECIMAL(6,4)) AS no_show_rate
FROM intermediate.appointments AS a
WHERE a.cancelled = 0
GROUP BY a.lead_band
