-- Clinics of the current partition (meta.current), renamed to snake_case.
SELECT
  c."ClinicID" AS clinic_id,
  c."Name" AS clinic_name,
  c."Neighbourhood" AS neighbourhood,
  c."TimeZone" AS time_zone,
  c."PriceIndex" AS price_index
FROM raw.clinics AS c
WHERE c.load_date = (SELECT load_date FROM meta.current)
