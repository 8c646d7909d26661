/**
 * Generated from the Keystone server's OpenAPI document by `npm run generate -w @keystone/sdk`.
 * Do not edit: a test regenerates it and fails on any difference.
 */

/** The stable `code` of every problem the server answers (docs/errors.md explains each). */
export type KeystoneErrorCode =
  | 'already_a_member'
  | 'bad_request'
  | 'conflict'
  | 'csrf_check_failed'
  | 'decryption_failed'
  | 'email_not_verified'
  | 'email_taken'
  | 'encryption_key_mismatch'
  | 'forbidden'
  | 'fresh_sign_in_required'
  | 'idempotency_in_progress'
  | 'idempotency_key_invalid'
  | 'idempotency_key_reused'
  | 'internal_error'
  | 'invalid_code'
  | 'invalid_credentials'
  | 'invalid_mfa_code'
  | 'invalid_mfa_token'
  | 'invalid_refresh_token'
  | 'invitation_account_exists'
  | 'invitation_email_mismatch'
  | 'invitation_expired'
  | 'invitation_not_found'
  | 'invitation_revoked'
  | 'invitation_used'
  | 'last_owner'
  | 'mail_unavailable'
  | 'malformed_json'
  | 'method_not_allowed'
  | 'mfa_already_enabled'
  | 'mfa_code_rejected'
  | 'mfa_enrollment_required'
  | 'mfa_not_enabled'
  | 'not_a_member'
  | 'not_found'
  | 'not_ready'
  | 'overloaded'
  | 'password_rejected'
  | 'payload_too_large'
  | 'rate_limited'
  | 'refresh_token_reused'
  | 'role_exists'
  | 'role_in_use'
  | 'slug_taken'
  | 'unauthenticated'
  | 'unknown_permission'
  | 'unknown_role'
  | 'unsupported_media_type'
  | 'uri_too_long'
  | 'validation_failed';

export const KEYSTONE_ERROR_CODES: readonly KeystoneErrorCode[] = [
  'already_a_member',
  'bad_request',
  'conflict',
  'csrf_check_failed',
  'decryption_failed',
  'email_not_verified',
  'email_taken',
  'encryption_key_mismatch',
  'forbidden',
  'fresh_sign_in_required',
  'idempotency_in_progress',
  'idempotency_key_invalid',
  'idempotency_key_reused',
  'internal_error',
  'invalid_code',
  'invalid_credentials',
  'invalid_mfa_code',
  'invalid_mfa_token',
  'invalid_refresh_token',
  'invitation_account_exists',
  'invitation_email_mismatch',
  'invitation_expired',
  'invitation_not_found',
  'invitation_revoked',
  'invitation_used',
  'last_owner',
  'mail_unavailable',
  'malformed_json',
  'method_not_allowed',
  'mfa_already_enabled',
  'mfa_code_rejected',
  'mfa_enrollment_required',
  'mfa_not_enabled',
  'not_a_member',
  'not_found',
  'not_ready',
  'overloaded',
  'password_rejected',
  'payload_too_large',
  'rate_limited',
  'refresh_token_reused',
  'role_exists',
  'role_in_use',
  'slug_taken',
  'unauthenticated',
  'unknown_permission',
  'unknown_role',
  'unsupported_media_type',
  'uri_too_long',
  'validation_failed',
];

/** The permissions every organization has, in the server's order (instances may declare more). */
export const BUILT_IN_PERMISSIONS: readonly string[] = [
  'org:read',
  'org:settings:edit',
  'org:delete',
  'members:view',
  'members:invite',
  'members:remove',
  'roles:manage',
  'billing:view',
  'billing:manage',
  'api_keys:manage',
  'audit:view',
];
