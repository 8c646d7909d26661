/**
 * Who is making a request. Authenticators (operator keys here; user sessions and
 * organization API keys as their modules land) turn a presented credential into
 * one of these. `credentialId` is stable per credential: idempotency keys and
 * per-credential rate limits are scoped by it.
 */
export type Principal =
  | { kind: 'operator'; id: string; credentialId: string }
  | { kind: 'user'; id: string; credentialId: string; orgId?: string }
  | { kind: 'api_key'; id: string; credentialId: string; orgId: string; scopes: string[] };

export type PresentedCredential = { scheme: 'bearer' | 'x-keystone-key'; value: string };

/** Resolves a credential it recognizes; returns undefined for one it does not. */
export type Authenticator = {
  name: string;
  authenticate(credential: PresentedCredential): Promise<Principal | undefined>;
};
