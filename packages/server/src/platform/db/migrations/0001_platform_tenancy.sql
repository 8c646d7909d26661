-- The application role and the tenant wall every later tenant table uses.
--
-- The server works as `keystone_app`, a role without BYPASSRLS, so PostgreSQL
-- row-level security applies to every query it runs. A tenant transaction sets
-- `keystone.org_id`; with no such setting a tenant table shows no rows at all.

DO $$
BEGIN
  CREATE ROLE keystone_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
EXCEPTION
  -- Role names are cluster-wide: another database on this server may have made it.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

DO $$
BEGIN
  EXECUTE format('GRANT keystone_app TO %I', current_user);
EXCEPTION
  WHEN duplicate_object OR invalid_grant_operation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO keystone_app;
GRANT SELECT ON keystone_migrations TO keystone_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO keystone_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO keystone_app;

-- The organization of the current transaction, or NULL outside a tenant context.
CREATE FUNCTION keystone_current_org() RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('keystone.org_id', true), '') $$;

-- Every tenant table calls this once: RLS enabled and forced (the table owner
-- is held to it too) with one policy keyed on the transaction's organization.
CREATE FUNCTION keystone_enable_tenant_rls(target regclass) RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (org_id = keystone_current_org()) WITH CHECK (org_id = keystone_current_org())',
    target
  );
END
$$;
