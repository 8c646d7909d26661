-- Identity (identity/): users belong to the instance, not to an organization,
-- so these tables carry no tenant wall; every secret in them is hashed or
-- envelope-encrypted (under the instance tenant's data key).

CREATE TABLE users (
  id text PRIMARY KEY,
  email text NOT NULL,
  -- NFKC, trimmed, lower-cased: one account per address however it is typed.
  email_normalized text NOT NULL UNIQUE,
  email_verified_at timestamptz,
  name text,
  -- argon2id PHC string; NULL for an account that has only ever used passwordless sign-in.
  password_hash text,
  password_changed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A session is one sign-in on one device: the `sid` claim, and the family of
-- refresh tokens that rotate within it.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- How the user proved who they are (RFC 8176 amr values: pwd, otp, mfa, email...).
  auth_methods text[] NOT NULL,
  active_org_id text,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_active_at timestamptz NOT NULL DEFAULT now(),
  -- The absolute limit; the idle limit is last_active_at + the idle window.
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text
);

CREATE INDEX sessions_live_by_user ON sessions (user_id) WHERE revoked_at IS NULL;

-- Opaque refresh tokens, hashed; each is exchanged once (rotated_at), and
-- presenting a rotated one again is reuse: the family and the user's sessions end.
CREATE TABLE refresh_tokens (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  lookup text NOT NULL UNIQUE,
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz,
  replaced_by text
);

CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);

-- Emailed one-time codes and links: verification, reset, passwordless sign-in,
-- email change. Hashed, short-lived, single use, a few attempts.
CREATE TABLE one_time_codes (
  id text PRIMARY KEY,
  purpose text NOT NULL
    CHECK (purpose IN ('email_verification', 'password_reset', 'sign_in', 'email_change')),
  user_id text REFERENCES users (id) ON DELETE CASCADE,
  email_normalized text NOT NULL,
  -- For email_change: the address being moved to.
  new_email text,
  code_hash text NOT NULL,
  -- The emailed link carries a separate high-entropy token (secret-hash lookup + hash).
  link_lookup text UNIQUE,
  link_hash text,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE INDEX one_time_codes_open ON one_time_codes (purpose, email_normalized) WHERE used_at IS NULL;

-- TOTP (RFC 6238): the seed envelope-encrypted; the last accepted time step,
-- so a code is never accepted twice.
CREATE TABLE user_totp (
  user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret_ciphertext text NOT NULL,
  confirmed_at timestamptz,
  last_used_step bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_recovery_codes (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX user_recovery_codes_by_user ON user_recovery_codes (user_id);

-- The second step of a sign-in for a user with MFA: the first factor passed,
-- no session yet. Opaque token, hashed, minutes long, a few attempts.
CREATE TABLE mfa_challenges (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  lookup text NOT NULL UNIQUE,
  token_hash text NOT NULL,
  -- The first factor's amr values, carried into the session.
  auth_methods text[] NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
