-- GDPR erasure (platform/gdpr): purging an erased organization's own records.
--
-- The audit log stays append-only (0004) for every live organization and for
-- the instance chain. The one exception: once an organization no longer exists,
-- keystone_purge_erased_organization deletes its chain, chain head and data keys
-- (the application role may not delete any of them itself). It runs as the
-- owner (SECURITY DEFINER) and checks, in the caller's transaction, that the
-- organization row is gone: the orgs module deletes the row and calls this in
-- one transaction, so an erasure either removes both or neither.

CREATE FUNCTION keystone_audit_purge_org() RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('keystone.audit_purge_org', true), '') $$;

-- Statement level (0004's trigger): UPDATE and TRUNCATE are always refused; a
-- DELETE only gets past while a purge is under way, and then meets the row check below.
CREATE OR REPLACE FUNCTION keystone_audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' AND keystone_audit_purge_org() IS NOT NULL THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Row level: a deleted entry must belong to the organization being purged, which
-- must not be the instance and must no longer exist (the setting alone proves nothing).
CREATE FUNCTION keystone_audit_log_refuse_live_delete() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF OLD.org_id IS DISTINCT FROM keystone_audit_purge_org()
     OR OLD.org_id = 'instance'
     OR EXISTS (SELECT 1 FROM organizations o WHERE o.org_id = OLD.org_id) THEN
    RAISE EXCEPTION 'audit_log is append-only: DELETE refused for %', OLD.org_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END
$$;

CREATE TRIGGER audit_log_delete_only_erased
  BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION keystone_audit_log_refuse_live_delete();

CREATE FUNCTION keystone_purge_erased_organization(target text) RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
BEGIN
  IF target IS NULL OR target = '' OR target = 'instance' THEN
    RAISE EXCEPTION 'only an erased organization can be purged, not %', coalesce(target, 'NULL')
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- Bound to the target, so the checks and deletes see its rows under row-level security too.
  PERFORM set_config('keystone.org_id', target, true);
  IF EXISTS (SELECT 1 FROM organizations o WHERE o.org_id = target) THEN
    RAISE EXCEPTION 'organization % still exists: only an erased organization is purged', target
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('keystone.audit_purge_org', target, true);
  DELETE FROM audit_log WHERE org_id = target;
  DELETE FROM audit_chain_heads WHERE org_id = target;
  DELETE FROM org_data_keys WHERE org_id = target;
  PERFORM set_config('keystone.audit_purge_org', '', true);
END
$$;

REVOKE ALL ON FUNCTION keystone_purge_erased_organization(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION keystone_purge_erased_organization(text) TO keystone_app;

-- A user's export lists the organizations they created, members or not any more:
-- the user door (0010) also shows those rows, read only.
CREATE POLICY created_organizations ON organizations FOR SELECT
  USING (created_by = keystone_current_user());

-- A user's export reads their security events: entries they acted in (0013's
-- audit_log_by_actor) or that were about them (this one).
CREATE INDEX audit_log_by_user_target ON audit_log (org_id, target_id, seq) WHERE target_type = 'user';
