-- Feature flags (flags/): environments, flag and segment definitions with their
-- append-only version history, the instance's flag-set version, and when each
-- flag was last evaluated per environment. Flags belong to the instance, not to
-- an organization: every row lives in the instance tenant (org_id 'instance'),
-- and row-level security applies as to any tenant table.
CREATE TABLE flag_environments (
  org_id text NOT NULL,
  key text NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, key)
);

SELECT keystone_enable_tenant_rls('flag_environments');

INSERT INTO flag_environments (org_id, key, name) VALUES
  ('instance', 'development', 'Development'),
  ('instance', 'staging', 'Staging'),
  ('instance', 'production', 'Production');

-- One counter per instance, raised by every change to a flag or segment: the
-- version of the flag set the SDK downloads, ETags and SSE resume positions.
-- Raising it locks the row, which also orders concurrent changes.
CREATE TABLE flag_set_versions (
  org_id text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0
);

SELECT keystone_enable_tenant_rls('flag_set_versions');

INSERT INTO flag_set_versions (org_id, version) VALUES ('instance', 0);

-- The current definition of each flag (the full JSON, salt and rule ids set);
-- archived flags keep their row so their history and salt survive.
CREATE TABLE flags (
  org_id text NOT NULL,
  key text NOT NULL,
  version integer NOT NULL,
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  PRIMARY KEY (org_id, key)
);

SELECT keystone_enable_tenant_rls('flags');

-- Every version of every flag, append-only: who, when, what changed, and the
-- definition as it was (archived versions keep the last definition).
CREATE TABLE flag_versions (
  org_id text NOT NULL,
  flag_key text NOT NULL,
  version integer NOT NULL,
  definition jsonb NOT NULL,
  archived boolean NOT NULL DEFAULT false,
  summary text NOT NULL,
  changes jsonb NOT NULL,
  actor_type text NOT NULL,
  actor_id text,
  flag_set_version bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, flag_key, version)
);

SELECT keystone_enable_tenant_rls('flag_versions');

REVOKE UPDATE, DELETE ON flag_versions FROM keystone_app;

CREATE TABLE flag_segments (
  org_id text NOT NULL,
  key text NOT NULL,
  version integer NOT NULL,
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (org_id, key)
);

SELECT keystone_enable_tenant_rls('flag_segments');

CREATE TABLE flag_segment_versions (
  org_id text NOT NULL,
  segment_key text NOT NULL,
  version integer NOT NULL,
  definition jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  summary text NOT NULL,
  changes jsonb NOT NULL,
  actor_type text NOT NULL,
  actor_id text,
  flag_set_version bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, segment_key, version)
);

SELECT keystone_enable_tenant_rls('flag_segment_versions');

REVOKE UPDATE, DELETE ON flag_segment_versions FROM keystone_app;

-- When each flag was last evaluated in each environment (batched upserts from
-- the evaluation side), for the stale-flag list.
CREATE TABLE flag_evaluations (
  org_id text NOT NULL,
  flag_key text NOT NULL,
  environment text NOT NULL,
  last_evaluated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, flag_key, environment)
);

SELECT keystone_enable_tenant_rls('flag_evaluations');
