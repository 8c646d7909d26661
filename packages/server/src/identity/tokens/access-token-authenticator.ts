import type { Authenticator, Principal } from '../../platform/auth/principal.ts';
import type { TokenService, VerifiedAccessToken } from './token-service.ts';

/** Three base64url parts: the shape of a JWS; anything else is some other authenticator's credential. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const CACHE_MAX_ENTRIES = 5000;

/**
 * `Authorization: Bearer <access token>` → a user principal. A verified token is
 * remembered until it expires, so a client repeating its token is answered
 * without a signature check (verifying costs ~0.2 ms; the hot path stays
 * synchronous). Nothing can revoke an access token before its expiry anyway:
 * that is what its short lifetime is for.
 */
export function accessTokenAuthenticator(
  tokens: Pick<TokenService, 'verifyAccessToken'>,
  options: { now?: () => number } = {},
): Authenticator {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { principal: Principal; expiresAt: number }>();
  return {
    name: 'access-token',
    authenticate(credential) {
      if (credential.scheme !== 'bearer' || !JWT_SHAPE.test(credential.value)) return undefined;
      const cached = cache.get(credential.value);
      if (cached) {
        if (cached.expiresAt > now()) return cached.principal;
        cache.delete(credential.value);
      }
      return tokens.verifyAccessToken(credential.value).then((verified) => {
        if (!verified) return undefined;
        const principal = userPrincipal(verified);
        if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
        cache.set(credential.value, { principal, expiresAt: verified.exp * 1000 });
        return principal;
      });
    },
  };
}

export function userPrincipal(token: VerifiedAccessToken): Principal {
  return {
    kind: 'user',
    id: token.sub,
    credentialId: token.sid,
    sessionId: token.sid,
    emailVerified: token.email_verified,
    authMethods: token.amr,
    issuedAt: token.iat,
    ...(token.org_id !== undefined ? { orgId: token.org_id } : {}),
    ...(token.org_role !== undefined ? { orgRole: token.org_role } : {}),
  };
}
