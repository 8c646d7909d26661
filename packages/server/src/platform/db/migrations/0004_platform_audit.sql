-- The tamper-evident audit log (platform/audit): per organization, an
-- append-only hash chain. Each entry's hash covers its fields and the previous
-- entry's hash; the chain head row records the last seq and hash.
CREATE TABLE audit_log (
  org_id text NOT NULL,
  seq bigint NOT NULL CHECK (seq >= 1),
  id text NOT NULL UNIQUE,
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'operator')),
  actor_id text,
  action text NOT NULL,
  target_type text,
  target_id text,
  ip text,
  user_agent text,
  trace_id text,
  -- Set by the application with millisecond precision (it is hashed), never by a default.
  occurred_at timestamptz(3) NOT NULL,
  metadata jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  -- One entry per position: two writers can never both append seq n.
  PRIMARY KEY (org_id, seq)
);

-- One row per organization: appenders lock it (SELECT ... FOR UPDATE), so
-- appends to one chain are serialized and the chain never forks.
CREATE TABLE audit_chain_heads (
  org_id text PRIMARY KEY,
  seq bigint NOT NULL CHECK (seq >= 0),
  hash text NOT NULL
);

SELECT keystone_enable_tenant_rls('audit_log');
SELECT keystone_enable_tenant_rls('audit_chain_heads');

-- Append-only, enforced by the database for every role, the owner included.
CREATE FUNCTION keystone_audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Statement-level, so an UPDATE or DELETE is refused even when it matches no row.
CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION keystone_audit_log_refuse_change();

-- And the application role is not even granted them (0001's default privileges did).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM keystone_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_chain_heads FROM keystone_app;
GRANT UPDATE (seq, hash) ON audit_chain_heads TO keystone_app;
