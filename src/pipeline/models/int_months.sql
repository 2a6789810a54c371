-- The months of appointments and of visits with a diagnosis, each with a small integer key (see
-- int_neighbourhoods.sql for why; the keys' small range also lets DuckDB aggregate into a perfect hash table).
SELECT
  CAST(row_number() OVER (ORDER BY month) AS INTEGER) AS month_key,
  month
FROM (
  SELECT appointment_month AS month FROM staging.appointments
  UNION
  SELECT visit_month AS month FROM staging.records
) AS m
