/**
 * Generated from the Keystone server's OpenAPI document by `npm run generate -w @keystone/sdk`.
 * Do not edit: a test regenerates it and fails on any difference.
 */

/** The stable `code` of every problem the server answers (docs/errors.md explains each). */
export type KeystoneErrorCode =
  | 'already_a_member'
  | 'authorization_model_not_found'
  | 'authorization_model_resolution_too_complex'
  | 'bad_request'
  | 'cannot_allow_duplicate_tuples_in_one_request'
  | 'conflict'
  | 'csrf_check_failed'
  | 'deadline_exceeded'
  | 'decryption_failed'
  | 'email_not_verified'
  | 'email_taken'
  | 'encryption_key_mismatch'
  | 'environment_exists'
  | 'environment_in_use'
  | 'environment_not_found'
  | 'exceeded_entity_limit'
  | 'flag_in_use'
  | 'flag_invalid'
  | 'flag_not_found'
  | 'flag_version_not_found'
  | 'forbidden'
  | 'fresh_sign_in_required'
  | 'idempotency_in_progress'
  | 'idempotency_key_invalid'
  | 'idempotency_key_reused'
  | 'internal_error'
  | 'invalid_authorization_model'
  | 'invalid_code'
  | 'invalid_continuation_token'
  | 'invalid_credentials'
  | 'invalid_mfa_code'
  | 'invalid_mfa_token'
  | 'invalid_refresh_token'
  | 'invalid_tuple'
  | 'invalid_write_input'
  | 'invitation_account_exists'
  | 'invitation_email_mismatch'
  | 'invitation_expired'
  | 'invitation_not_found'
  | 'invitation_revoked'
  | 'invitation_used'
  | 'last_owner'
  | 'latest_authorization_model_not_found'
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
  | 'relation_not_found'
  | 'result_limit_exceeded'
  | 'role_exists'
  | 'role_in_use'
  | 'segment_in_use'
  | 'segment_invalid'
  | 'segment_not_found'
  | 'slug_taken'
  | 'store_id_not_found'
  | 'type_not_found'
  | 'unauthenticated'
  | 'unknown_permission'
  | 'unknown_role'
  | 'unsupported_media_type'
  | 'uri_too_long'
  | 'validation_error'
  | 'validation_failed'
  | 'write_failed_due_to_invalid_input';

export const KEYSTONE_ERROR_CODES: readonly KeystoneErrorCode[] = [
  'already_a_member',
  'authorization_model_not_found',
  'authorization_model_resolution_too_complex',
  'bad_request',
  'cannot_allow_duplicate_tuples_in_one_request',
  'conflict',
  'csrf_check_failed',
  'deadline_exceeded',
  'decryption_failed',
  'email_not_verified',
  'email_taken',
  'encryption_key_mismatch',
  'environment_exists',
  'environment_in_use',
  'environment_not_found',
  'exceeded_entity_limit',
  'flag_in_use',
  'flag_invalid',
  'flag_not_found',
  'flag_version_not_found',
  'forbidden',
  'fresh_sign_in_required',
  'idempotency_in_progress',
  'idempotency_key_invalid',
  'idempotency_key_reused',
  'internal_error',
  'invalid_authorization_model',
  'invalid_code',
  'invalid_continuation_token',
  'invalid_credentials',
  'invalid_mfa_code',
  'invalid_mfa_token',
  'invalid_refresh_token',
  'invalid_tuple',
  'invalid_write_input',
  'invitation_account_exists',
  'invitation_email_mismatch',
  'invitation_expired',
  'invitation_not_found',
  'invitation_revoked',
  'invitation_used',
  'last_owner',
  'latest_authorization_model_not_found',
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
  'relation_not_found',
  'result_limit_exceeded',
  'role_exists',
  'role_in_use',
  'segment_in_use',
  'segment_invalid',
  'segment_not_found',
  'slug_taken',
  'store_id_not_found',
  'type_not_found',
  'unauthenticated',
  'unknown_permission',
  'unknown_role',
  'unsupported_media_type',
  'uri_too_long',
  'validation_error',
  'validation_failed',
  'write_failed_due_to_invalid_input',
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
