import type { KeystoneClient, paths } from '@keystone/sdk';
import { createContext, useContext } from 'react';

/** The signed-in user, as GET /v1/me answers it. */
export type KeystoneUser = paths['/v1/me']['get']['responses'][200]['content']['application/json'];

export type SessionStatus = 'loading' | 'signed_out' | 'signed_in';

/** What the provider knows of the session. Hooks re-read when `revision` changes. */
export type KeystoneSession = {
  status: SessionStatus;
  user: KeystoneUser | null;
  /** The organization the access token names (org_id claim), or null. */
  activeOrganizationId: string | null;
  /** Bumped whenever the session or the active organization changes: every hook refetches then. */
  revision: number;
};

/** English by default; `localization` on the provider overrides any string by its key. */
export type Translate = (key: string, english: string, values?: Record<string, string | number>) => string;

/**
 * The contract between KeystoneProvider and everything under it (hooks and
 * components). `client` always carries the current access token.
 */
export type KeystoneContextValue = {
  client: KeystoneClient;
  session: KeystoneSession;
  /** Makes `orgId` (or none) active: a new access token naming it, then every hook refreshes. */
  setActiveOrganization(orgId: string | null): Promise<void>;
  /** Re-reads the user (after a profile change) and bumps the revision. */
  reloadSession(): Promise<void>;
  /** The provider's onError, for errors a component cannot show itself. */
  reportError(error: unknown): void;
  t: Translate;
};

export const KeystoneContext = createContext<KeystoneContextValue | null>(null);

/** Everything the provider offers; throws outside a KeystoneProvider (a wiring mistake, not a runtime state). */
export function useKeystone(): KeystoneContextValue {
  const value = useContext(KeystoneContext);
  if (!value) throw new Error('Keystone hooks and components must be used inside <KeystoneProvider>');
  return value;
}
