-- Idempotency-Key records (IETF httpapi "The Idempotency-Key HTTP Header Field").
--
-- Instance-level, not a tenant table: a record belongs to a credential (or
-- `anon:<ip>`), which may act in several organizations. The primary key on
-- (scope, key) is what makes the first request win across server processes:
-- every claim is one INSERT ... ON CONFLICT on it.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  -- SHA-256 of method, route, params, query and canonical JSON body.
  fingerprint text NOT NULL,
  -- Which claim owns the record; a claim that was taken over cannot complete it.
  lock_token text NOT NULL,
  state text NOT NULL CHECK (state IN ('in_progress', 'completed')),
  -- When the current claim began: the lock timeout and the 24 h expiry count from here.
  created_at timestamptz NOT NULL DEFAULT now(),
  response_status integer,
  response_headers jsonb,
  response_body bytea,
  PRIMARY KEY (scope, key),
  CHECK (state = 'in_progress' OR (response_status IS NOT NULL AND response_body IS NOT NULL))
);

-- The sweeper deletes expired records by age.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
