-- Token-signing keys (identity/tokens): the private key envelope-encrypted
-- under the instance tenant's data key, the public JWK published at
-- /.well-known/jwks.json. One key signs (retired_at IS NULL); retired keys stay
-- published until every token they signed has expired.
CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  alg text NOT NULL CHECK (alg IN ('EdDSA', 'ES256')),
  public_jwk jsonb NOT NULL,
  private_ciphertext text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);

-- At most one signing key: two servers creating the first key at once make one.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((true)) WHERE retired_at IS NULL;
