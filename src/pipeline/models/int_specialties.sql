-- The doctors' specialties, each with a small integer key (see int_neighbourhoods.sql for why).
SELECT
  CAST(row_number() OVER (ORDER BY specialty) AS INTEGER) AS specialty_key,
  specialty
FROM (SELECT DISTINCT specialty FROM staging.doctors) AS s
