-- Let the application log in as `keystone_app` itself (DATABASE_APP_URL), so
-- its sessions have no superuser or owner to fall back to: RESET ROLE leads
-- nowhere. Operators set its password (ALTER ROLE keystone_app PASSWORD ...)
-- or grant keystone_app to a login role of their own.
DO $$
BEGIN
  ALTER ROLE keystone_app LOGIN;
EXCEPTION
  -- Without CREATEROLE the operator does this by hand; SET ROLE still applies RLS.
  WHEN insufficient_privilege THEN NULL;
END
$$;
