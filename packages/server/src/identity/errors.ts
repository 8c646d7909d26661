import { registerErrorCodes } from '../platform/errors/codes.ts';

/** Identity's problem codes (docs/errors.md lists them with the platform's). */
export const identityErrorCodes = {
  invalid_credentials: { status: 401, title: 'The email or password is not correct' },
  email_not_verified: { status: 403, title: 'The email address must be verified first' },
  invalid_refresh_token: { status: 401, title: 'The refresh token is not valid' },
  refresh_token_reused: {
    status: 401,
    title: 'A refresh token was used twice; every session of this user has ended',
  },
  invalid_mfa_token: { status: 401, title: 'The MFA challenge is not valid or has expired' },
  invalid_mfa_code: { status: 401, title: 'The second-factor code is not valid' },
  fresh_sign_in_required: { status: 403, title: 'This needs a recent sign-in' },
  mfa_already_enabled: { status: 409, title: 'An authenticator is already set up for this account' },
  mfa_not_enabled: { status: 409, title: 'This account has no confirmed authenticator' },
  mfa_code_rejected: { status: 422, title: 'The authenticator or recovery code is not correct' },
  invalid_code: { status: 400, title: 'The code or link is not valid' },
  email_taken: { status: 409, title: 'The email address belongs to another account' },
  csrf_check_failed: {
    status: 403,
    title: 'A request using the refresh cookie must come from an allowed origin with X-Keystone-CSRF',
  },
} as const;

registerErrorCodes(identityErrorCodes);
