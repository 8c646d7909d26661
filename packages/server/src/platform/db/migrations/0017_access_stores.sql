-- Access control (access/): OpenFGA-compatible stores, immutable authorization
-- models, relationship tuples and their changes feed. Every row belongs to one
-- organization; store and model ids are ULIDs (26 chars, Crockford base32), the
-- format OpenFGA's SDK validates.
CREATE TABLE fga_stores (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);

CREATE INDEX fga_stores_by_org ON fga_stores (org_id, id);

SELECT keystone_enable_tenant_rls('fga_stores');

-- Models are immutable once written: the latest is the one with the newest id.
CREATE TABLE fga_models (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  store_id text NOT NULL REFERENCES fga_stores (id),
  schema_version text NOT NULL,
  model jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX fga_models_latest ON fga_models (org_id, store_id, id DESC);

SELECT keystone_enable_tenant_rls('fga_models');

REVOKE UPDATE ON fga_models FROM keystone_app;

-- A tuple `object_type:object_id#relation@user_type:user_id[#user_relation]`.
-- user_id '*' is a typed wildcard; user_relation '' means no userset. The
-- condition is not part of the identity (as in OpenFGA: one tuple, one condition).
-- The primary key's prefix (org, store, object, relation) serves both engine reads.
CREATE TABLE fga_tuples (
  org_id text NOT NULL,
  store_id text NOT NULL REFERENCES fga_stores (id),
  object_type text NOT NULL,
  object_id text NOT NULL,
  relation text NOT NULL,
  user_type text NOT NULL,
  user_id text NOT NULL,
  user_relation text NOT NULL DEFAULT '',
  condition_name text,
  condition_context jsonb,
  inserted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, store_id, object_type, object_id, relation, user_type, user_id, user_relation)
);

-- Reads by user (list-objects, erasure of one user's tuples).
CREATE INDEX fga_tuples_by_user ON fga_tuples (org_id, store_id, user_type, user_id, user_relation);

SELECT keystone_enable_tenant_rls('fga_tuples');

-- The changes feed: every write and delete, in commit order of its key.
CREATE TABLE fga_changes (
  id bigserial PRIMARY KEY,
  org_id text NOT NULL,
  store_id text NOT NULL REFERENCES fga_stores (id),
  operation text NOT NULL CHECK (operation IN ('write', 'delete')),
  object_type text NOT NULL,
  object_id text NOT NULL,
  relation text NOT NULL,
  user_type text NOT NULL,
  user_id text NOT NULL,
  user_relation text NOT NULL DEFAULT '',
  condition_name text,
  condition_context jsonb,
  changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX fga_changes_feed ON fga_changes (org_id, store_id, id);

SELECT keystone_enable_tenant_rls('fga_changes');

REVOKE UPDATE ON fga_changes FROM keystone_app;
