-- No-show rate by the neighbourhood the patient lives in (cancelled appointments excluded),
-- grouped by the integer key and named afterwards.
WITH counts AS (
  SELECT neighbourhood_key, count(*) AS appointments, sum(no_show) AS no_shows
  FROM intermediate.appointments
  WHERE cancelled = 0
  GROUP BY neighbourhood_key
)
SELECT
  k.neighbourhood,
  CAST(c.appointments AS BIGINT) AS appointments,
  CAST(c.no_shows AS BIGINT) AS no_shows,
  CAST(round(CAST(c.no_shows AS DECIMAL(18,6)) / c.appointments, 4) AS DECIMAL(6,4)) AS no_show_rate
FROM counts AS c
JOIN intermediate.neighbourhoods AS k ON k.neighbourhood_key = c.neighbourhood_key
