-- No-show rate by the patient's age band (cancelled appointments excluded),
-- grouped by the integer key and named afterwards.
WITH counts AS (
  SELECT age_band_key, count(*) AS appointments, sum(no_show) AS no_shows
  FROM intermediate.appointments
  WHERE cancelled = 0
  GROUP BY age_band_key
)
SELECT
  k.age_band,
  CAST(c.appointments AS BIGINT) AS appointments,
  CAST(c.no_shows AS BIGINT) AS no_shows,
  CAST(round(CAST(c.no_shows AS DECIMAL(18,6)) / c.appointments, 4) AS DECIMAL(6,4)) AS no_show_rate
FROM counts AS c
JOIN intermediate.age_bands AS k ON k.age_band_key = c.age_band_key
