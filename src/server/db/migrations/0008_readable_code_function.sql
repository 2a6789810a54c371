-- Hand-written: readable codes (P0001, D0001, C001) zero-padded to a minimum width but never cut.
-- lpad() truncates longer input, so 'P' || lpad('10000', 4, '0') gave 'P1000' and the 10,000th patient
-- collided with the 1,000th. The column defaults move to this function in the next migration.
CREATE FUNCTION readable_code(prefix text, n bigint, width integer) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT prefix || CASE WHEN length(n::text) >= width THEN n::text ELSE lpad(n::text, width, '0') END $$;
