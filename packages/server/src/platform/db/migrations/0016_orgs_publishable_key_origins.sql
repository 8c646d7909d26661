-- The CORS door (orgs/api-keys/store/publishable-origins-door.ts): a transaction
-- that sets keystone.publishable_key_origins to 'read' sees the live publishable
-- keys of every tenant, to gather their allowed origins for CORS preflights (a
-- preflight carries no key). Read only; secret keys stay behind their walls.
CREATE POLICY publishable_keys_for_cors ON api_keys FOR SELECT
  USING (
    kind = 'publishable'
    AND revoked_at IS NULL
    AND current_setting('keystone.publishable_key_origins', true) = 'read'
  );
