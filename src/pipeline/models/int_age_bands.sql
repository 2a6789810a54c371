-- The patients' age bands, each with a small integer key (see int_neighbourhoods.sql for why).
SELECT
  CAST(row_number() OVER (ORDER BY age_band) AS INTEGER) AS age_band_key,
  age_band
FROM (SELECT DISTINCT age_band FROM staging.patients) AS b
