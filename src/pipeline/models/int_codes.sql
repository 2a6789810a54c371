-- The ICD-10 codes diagnosed, each with a small integer key (see int_neighbourhoods.sql for why) and one
-- name (the first in sort order, should the text ever differ between records).
SELECT
  CAST(row_number() OVER (ORDER BY icd10_code) AS INTEGER) AS code_key,
  icd10_code,
  min(diagnosis) AS diagnosis
FROM staging.records
GROUP BY icd10_code
