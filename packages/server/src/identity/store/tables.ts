import type { Generated } from 'kysely';

/** Identity's tables (migrations 0008, 0009). Instance-level: no organization column. */
export type UsersTable = {
  id: string;
  email: string;
  email_normalized: string;
  email_verified_at: Date | null;
  name: string | null;
  password_hash: string | null;
  password_changed_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type SessionsTable = {
  id: string;
  user_id: string;
  auth_methods: string[];
  active_org_id: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_active_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
};

export type RefreshTokensTable = {
  id: string;
  session_id: string;
  lookup: string;
  token_hash: string;
  created_at: Generated<Date>;
  rotated_at: Date | null;
  replaced_by: string | null;
};

export type OneTimeCodePurpose = 'email_verification' | 'password_reset' | 'sign_in' | 'email_change';

export type OneTimeCodesTable = {
  id: string;
  purpose: OneTimeCodePurpose;
  user_id: string | null;
  email_normalized: string;
  new_email: string | null;
  code_hash: string;
  link_lookup: string | null;
  link_hash: string | null;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
};

export type UserTotpTable = {
  user_id: string;
  secret_ciphertext: string;
  confirmed_at: Date | null;
  /** bigint: the driver may hand it back as a string. */
  last_used_step: string | number | null;
  created_at: Generated<Date>;
};

export type UserRecoveryCodesTable = {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
  created_at: Generated<Date>;
};

export type MfaChallengesTable = {
  id: string;
  user_id: string;
  lookup: string;
  token_hash: string;
  auth_methods: string[];
  attempts: Generated<number>;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
};

export type SigningKeysTable = {
  kid: string;
  alg: 'EdDSA' | 'ES256';
  public_jwk: Record<string, unknown>;
  private_ciphertext: string;
  created_at: Generated<Date>;
  retired_at: Date | null;
};

export type IdentityTables = {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  one_time_codes: OneTimeCodesTable;
  user_totp: UserTotpTable;
  user_recovery_codes: UserRecoveryCodesTable;
  mfa_challenges: MfaChallengesTable;
  signing_keys: SigningKeysTable;
};
