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
  | {
      /** A secret key (`sk_live_`/`sk_test_`): a backend acting for its organization, or the instance. */
      kind: 'api_key';
      /** The key id; also its credentialId. */
      id: string;
      credentialId: string;
      /** The organization the key belongs to, or 'instance' (INSTANCE_TENANT_ID) for an instance key. */
      orgId: string;
      scopes: string[];
      environment: 'live' | 'test';
      /** The key's own per-minute limit, when it has one (instead of the credential layer's default). */
      rateLimitPerMinute?: number;
      /** The flag environment an instance key evaluates flags in (OFREP, SSE, remote evaluation). */
      flagsEnvironment?: string;
    }
  | {
      /**
       * A publishable key (`pk_live_`/`pk_test_`): safe in browser code, so it passes only
       * routes that declare `config.access: 'publishable'`, never one needing a secret key.
       */
      kind: 'publishable_key';
      id: string;
      credentialId: string;
      orgId: string;
      scopes: string[];
      environment: 'live' | 'test';
      /** Browser origins that may use the key; a request from another Origin is refused. */
      allowedOrigins: string[];
      rateLimitPerMinute?: number;
      /** The flag environment the key evaluates flags in (required with `flags:evaluate`). */
      flagsEnvironment?: string;
    };

export type PresentedCredential = { scheme: 'bearer' | 'x-keystone-key'; value: string };

/**
 * Resolves a credential it recognizes; returns undefined for one it does not.
 * May answer synchronously (a cached credential) so the hot path waits for nothing.
 */
export type Authenticator = {
  name: string;
  authenticate(credential: PresentedCredential): MaybePromise<Principal | undefined>;
};
