-- Instance operators' API keys: they run the instance (audit verification,
-- key rotation, support). Stored as SHA-256 with a lookup id; never in clear.
CREATE TABLE operator_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  lookup text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
