-- API keys (orgs/api-keys): secret keys (sk_live_/sk_test_) for backends and
-- publishable keys (pk_live_/pk_test_) for browsers. A key belongs to one
-- organization, or to the instance (org_id = 'instance', the instance tenant).
-- Stored hashed with a display prefix; never in clear.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('secret', 'publishable')),
  environment text NOT NULL CHECK (environment IN ('live', 'test')),
  name text NOT NULL,
  lookup text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  -- What a console shows: `sk_live_Ab3d…`.
  display_prefix text NOT NULL,
  scopes text[] NOT NULL,
  -- Publishable keys: the browser origins allowed to use them (CORS).
  allowed_origins text[] NOT NULL DEFAULT '{}',
  rate_limit_per_minute integer CHECK (rate_limit_per_minute IS NULL OR rate_limit_per_minute > 0),
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE INDEX api_keys_by_org ON api_keys (org_id, created_at DESC);

SELECT keystone_enable_tenant_rls('api_keys');

-- The authentication door: the one key whose lookup id a request presents,
-- before anyone knows which organization it belongs to. Read only.
CREATE POLICY key_by_lookup ON api_keys FOR SELECT
  USING (lookup = NULLIF(current_setting('keystone.api_key_lookup', true), ''));
