import { isKeystoneApiError } from '@keystone/sdk';
import { type CSSProperties, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { answered, SessionManager } from '../session/session-manager.ts';
import type { StorageMode } from '../session/token-store.ts';
import {
  KeystoneAuthContext,
  type KeystoneAuthContextValue,
  type MfaChallenge,
} from './keystone-auth-context.ts';
import { KeystoneContext, type KeystoneContextValue, type KeystoneSession } from './keystone-context.ts';
import { createTranslate } from './translate.ts';

export type KeystoneTheme = {
  primaryColor?: string;
  errorColor?: string;
  fontFamily?: string;
  borderRadius?: string;
};

export type KeystoneProviderProps = {
  /** The Keystone server, e.g. https://id.example.com */
  apiUrl: string;
  /** Your publishable key (pk_live_… or pk_test_…), sent as X-Keystone-Key. */
  publishableKey?: string;
  /** Set as CSS variables (--ks-primary, --ks-error, --ks-font, --ks-radius) on a wrapper element. */
  theme?: KeystoneTheme;
  /** Errors no component can show (a background refresh that failed, a session that could not be read). */
  onError?: (error: Error) => void;
  /** Where the session's tokens live: `memory` (default; this tab only), `sessionStorage` or `localStorage`. */
  storage?: StorageMode;
  /** Any visible string by its key, e.g. { 'login.submit': 'Se connecter' }. */
  localization?: Record<string, string>;
  /** Tabs whose providers share this name sign out and switch organizations together (default `keystone`). */
  channelName?: string;
  /** The storage key of the tokens (default `keystone.session`). */
  storageKey?: string;
  /** Refresh this many seconds before the access token expires (default 60, at most a third of its life). */
  refreshLeewaySeconds?: number;
  /** `cookie`: the refresh token lives in an HttpOnly cookie set by the server (see docs/react.md). Default `json`. */
  tokenDelivery?: 'json' | 'cookie';
  className?: string;
  children: ReactNode;
};

const SIGNED_OUT = { status: 'signed_out', user: null, activeOrganizationId: null } as const;

/**
 * The root of every Keystone component: one session (restored on load, kept
 * refreshed, shared with the other tabs) and the user, theme and strings.
 */
export function KeystoneProvider(props: KeystoneProviderProps) {
  const { apiUrl, publishableKey, storage, channelName, storageKey, refreshLeewaySeconds, tokenDelivery } =
    props;
  const onError = useRef(props.onError);
  onError.current = props.onError;
  const reportError = useCallback((error: unknown) => {
    const reported = error instanceof Error ? error : new Error(String(error));
    if (onError.current) onError.current(reported);
    else console.error('Keystone:', reported);
  }, []);

  const manager = useMemo(
    () =>
      new SessionManager({
        apiUrl,
        publishableKey,
        storage,
        channelName,
        storageKey,
        refreshLeewaySeconds,
        tokenDelivery,
        onError: reportError,
      }),
    [
      apiUrl,
      publishableKey,
      storage,
      channelName,
      storageKey,
      refreshLeewaySeconds,
      tokenDelivery,
      reportError,
    ],
  );
  const [session, setSession] = useState<KeystoneSession>({ ...SIGNED_OUT, status: 'loading', revision: 0 });
  const [mfaChallenge, setMfaChallenge] = useState<MfaChallenge | null>(null);
  // The identity (user + session id) and organization the session state was last built from.
  const seen = useRef<{ identity: string | null; org: string | null }>({ identity: null, org: null });
  // The latest session update in flight, so signIn resolves once the user is loaded.
  const syncing = useRef<Promise<void>>(Promise.resolve());

  const loadUser = useCallback(async () => {
    const { data } = await manager.client.GET('/v1/me');
    return answered(data);
  }, [manager]);

  const sync = useCallback(async () => {
    const claims = manager.claims;
    const identity = claims ? `${claims.sub} ${claims.sid}` : null;
    const org = claims?.org_id ?? null;
    const before = seen.current;
    seen.current = { identity, org };
    if (!identity) {
      if (before.identity !== null) setSession((s) => ({ ...SIGNED_OUT, revision: s.revision + 1 }));
      else setSession((s) => (s.status === 'loading' ? { ...s, status: 'signed_out' } : s));
      return;
    }
    if (identity === before.identity) {
      if (org !== before.org)
        setSession((s) => ({ ...s, activeOrganizationId: org, revision: s.revision + 1 }));
      return;
    }
    try {
      const user = await loadUser();
      if (seen.current.identity !== identity) return; // signed out or in again meanwhile
      setSession((s) => ({ status: 'signed_in', user, activeOrganizationId: org, revision: s.revision + 1 }));
    } catch (error) {
      if (isKeystoneApiError(error) && error.status === 401) return manager.signOut();
      reportError(error);
      setSession((s) => ({
        status: 'signed_in',
        user: null,
        activeOrganizationId: org,
        revision: s.revision + 1,
      }));
    }
  }, [manager, loadUser, reportError]);

  useEffect(() => {
    seen.current = { identity: null, org: null };
    manager.start();
    const unsubscribe = manager.subscribe(() => {
      syncing.current = sync();
    });
    manager
      .restore()
      .catch(reportError)
      .finally(() => void sync());
    return () => {
      unsubscribe();
      manager.stop();
    };
  }, [manager, sync, reportError]);

  const t = useMemo(() => createTranslate(props.localization), [props.localization]);

  const value = useMemo<KeystoneContextValue>(
    () => ({
      client: manager.client,
      session,
      setActiveOrganization: (orgId) => manager.setActiveOrganization(orgId),
      async reloadSession() {
        const user = await loadUser();
        setSession((s) => ({ ...s, user, revision: s.revision + 1 }));
      },
      reportError,
      t,
    }),
    [manager, session, loadUser, reportError, t],
  );

  const auth = useMemo<KeystoneAuthContextValue>(
    () => ({
      signIn: async (answer) => {
        setMfaChallenge(null);
        await manager.adopt(answer);
        await syncing.current;
      },
      signOut: () => manager.signOut(),
      refreshSession: () => manager.refresh(),
      mfaChallenge,
      setMfaChallenge,
    }),
    [manager, mfaChallenge],
  );

  return (
    <KeystoneContext.Provider value={value}>
      <KeystoneAuthContext.Provider value={auth}>
        <div
          className={['ks-root', props.className].filter(Boolean).join(' ')}
          style={themeStyle(props.theme)}
        >
          {props.children}
        </div>
      </KeystoneAuthContext.Provider>
    </KeystoneContext.Provider>
  );
}

function themeStyle(theme: KeystoneTheme = {}): CSSProperties {
  const variables: Record<string, string> = {};
  if (theme.primaryColor) variables['--ks-primary'] = theme.primaryColor;
  if (theme.errorColor) variables['--ks-error'] = theme.errorColor;
  if (theme.fontFamily) variables['--ks-font'] = theme.fontFamily;
  if (theme.borderRadius) variables['--ks-radius'] = theme.borderRadius;
  return variables as CSSProperties;
}
