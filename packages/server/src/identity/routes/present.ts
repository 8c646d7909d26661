import type { SessionTokens } from '../service/session-service.ts';
import type { SignInResult } from '../service/sign-in-flow.ts';
import type { SessionRow } from '../store/session-store.ts';
import type { UserRow } from '../store/user-store.ts';

/** Rows and results as the wire shows them. */
export function presentUser(user: UserRow, mfaEnabled: boolean) {
  return {
    id: user.id,
    email: user.email,
    email_verified: user.email_verified_at !== null,
    name: user.name,
    mfa_enabled: mfaEnabled,
    created_at: user.created_at.toISOString(),
  };
}

export function presentTokens(tokens: SessionTokens, mfaEnabled: boolean) {
  return {
    status: 'signed_in' as const,
    token_type: 'Bearer' as const,
    access_token: tokens.accessToken,
    expires_in: tokens.expiresIn,
    refresh_token: tokens.refreshToken,
    session_id: tokens.session.id,
    user: presentUser(tokens.user, mfaEnabled),
  };
}

export function presentSignIn(result: SignInResult) {
  if (result.status === 'mfa_required') {
    return {
      status: 'mfa_required' as const,
      mfa_token: result.mfaToken,
      expires_in: result.expiresIn,
      methods: result.methods as Array<'totp' | 'recovery_code'>,
    };
  }
  // A session straight from the first factor means the user has no second one.
  return presentTokens(result.tokens, result.tokens.session.auth_methods.includes('mfa'));
}

export function presentSession(session: SessionRow, currentSessionId: string) {
  return {
    id: session.id,
    current: session.id === currentSessionId,
    auth_methods: session.auth_methods,
    active_org_id: session.active_org_id,
    ip: session.ip,
    user_agent: session.user_agent,
    created_at: session.created_at.toISOString(),
    last_active_at: session.last_active_at.toISOString(),
    expires_at: session.expires_at.toISOString(),
  };
}
