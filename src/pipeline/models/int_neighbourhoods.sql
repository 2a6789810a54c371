-- The neighbourhoods patients live in, each with a small integer key. The facts carry the key, so a mart
-- groups millions of rows by an integer and attaches the name to its few result rows afterwards (grouping by
-- the text itself costs DuckDB about 2.5× as much).
SELECT
  CAST(row_number() OVER (ORDER BY neighbourhood) AS INTEGER) AS neighbourhood_key,
  neighbourhood
FROM (SELECT DISTINCT neighbourhood FROM staging.patients) AS n
