import type { MaybePromise } from '../http/sync-hook.ts';

/**
 * Who is making a request. Authenticators (operator keys here; user sessions and
 * organization API keys as their modules land) turn a presented credential into
 * one of these. `credentialId` is stable per credential: idempotency keys and
 * per-credential rate limits are scoped by it.
 */
export type Principal =
  | { kind: 'operator'; id: string; credentialId: string }
  | {
      kind: 'user';
      /** The user id (the access token's `sub`). */
      id: string;
      /** The session id: a user's sessions are rate-limited and idempotency-scoped apart. */
      credentialId: string;
      orgId?: string;
      sessionId: string;
      emailVerified: boolean;
      /** How the session was signed in (`pwd`, `otp`, `mfa`, ...): the token's `amr`. */
      authMethods: string[];
      orgRole?: string;
      /** When the access token was issued (epoch seconds), for "signed in recently" checks. */
      issuedAt: number;
    }
  | { kind: 'api_key'; id: string; credentialId: string; orgId: string; scopes: string[] };

export type PresentedCredential = { scheme: 'bearer' | 'x-keystone-key'; value: string };

/**
 * Resolves a credential it recognizes; returns undefined for one it does not.
 * May answer synchronously (a cached credential) so the hot path waits for nothing.
 */
export type Authenticator = {
  name: string;
  authenticate(credential: PresentedCredential): MaybePromise<Principal | undefined>;
};
