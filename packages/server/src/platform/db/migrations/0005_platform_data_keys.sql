-- Per-organization data keys for envelope encryption. Each key is stored only
-- wrapped by the key-encryption key (KEK) named by kek_id; at most one key per
-- organization is active (retired_at IS NULL), retired ones still decrypt.
CREATE TABLE org_data_keys (
  org_id text NOT NULL,
  key_id text NOT NULL,
  kek_id text NOT NULL,
  wrapped_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  PRIMARY KEY (org_id, key_id)
);

-- Makes lazy creation race-safe: two first encryptions for one org create one key.
CREATE UNIQUE INDEX org_data_keys_one_active ON org_data_keys (org_id) WHERE retired_at IS NULL;

SELECT keystone_enable_tenant_rls('org_data_keys');

-- The server may create and retire keys, never delete one (that would destroy
-- the org's encrypted data) nor rewrite one (only `kek rotate`, as owner, does).
REVOKE UPDATE, DELETE ON org_data_keys FROM keystone_app;
GRANT UPDATE (retired_at) ON org_data_keys TO keystone_app;
