-- Authentication's read of one API key in one statement (orgs/api-keys/store/api-key-door.ts).
--
-- The same door as 0011's key_by_lookup policy: keystone.api_key_lookup shows the
-- one row with that lookup id, and nothing else. Before, a request opened it in a
-- transaction of its own (BEGIN and set_config, the SELECT, COMMIT: three round
-- trips on PostgreSQL). This function opens it, reads the row and closes it again
-- inside one statement, so a caller sends just `SELECT * FROM
-- keystone_api_key_by_lookup($1)` (one round trip) outside any transaction.
--
-- Not SECURITY DEFINER: it runs as the caller (keystone_app), so row-level
-- security still decides what it sees; the function only sets the door's key.
-- The setting is put back before it returns (and is transaction-local anyway),
-- so not even the rest of the calling statement sees through the door.
CREATE FUNCTION keystone_api_key_by_lookup(key_lookup text) RETURNS SETOF api_keys
  LANGUAGE plpgsql
  VOLATILE
  AS $$
DECLARE
  previous text := current_setting('keystone.api_key_lookup', true);
BEGIN
  PERFORM set_config('keystone.api_key_lookup', key_lookup, true);
  RETURN QUERY SELECT k.* FROM public.api_keys k WHERE k.lookup = key_lookup;
  PERFORM set_config('keystone.api_key_lookup', coalesce(previous, ''), true);
END
$$;

REVOKE ALL ON FUNCTION keystone_api_key_by_lookup(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION keystone_api_key_by_lookup(text) TO keystone_app;
