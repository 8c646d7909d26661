import { createKeystoneClient, isKeystoneApiError, type KeystoneClient } from '@keystone/sdk';
import { type CrossTab, openCrossTab, type TabMessage } from './cross-tab.ts';
import { type AccessTokenClaims, readClaims } from './jwt-claims.ts';
import { createTokenStore, type StorageMode, type TokenSet, type TokenStore } from './token-store.ts';

/** The part of every token answer (sign-in, MFA, passwordless, refresh, active organization) a session keeps. */
export type TokenAnswer = { access_token: string; expires_in: number; refresh_token?: string | undefined };

export type SessionManagerOptions = {
  /** The Keystone server, e.g. https://id.example.com */
  apiUrl: string;
  /** A publishable key (pk_live_…/pk_test_…), sent as X-Keystone-Key on every request. */
  publishableKey?: string | undefined;
  storage?: StorageMode | undefined;
  /** The storage key of the tokens (default `keystone.session`). */
  storageKey?: string | undefined;
  /** Tabs with the same channel name sign out together (default `keystone`). */
  channelName?: string | undefined;
  /** Refresh this many seconds before the access token expires (default 60, at most a third of its life). */
  refreshLeewaySeconds?: number | undefined;
  /**
   * `cookie`: the server keeps the refresh token in an HttpOnly cookie that scripts cannot read (identity's
   * cookie mode); only the access token is stored. The app's origin must be in KEYSTONE_CORS_ORIGINS
   * (credentialed requests) and on the same site as the server. Default `json`.
   */
  tokenDelivery?: 'json' | 'cookie' | undefined;
  fetch?: typeof fetch | undefined;
  /** Errors nobody asked for (a background refresh that could not reach the server). */
  onError?: ((error: unknown) => void) | undefined;
};

const RETRY_AFTER_NETWORK_ERROR_MS = 10_000;

/**
 * Keeps a signed-in session alive in plain TypeScript (the provider renders it):
 * the tokens in the chosen storage, a refresh shortly before the access token
 * expires (the rotated refresh token replaces the old one; a refused refresh signs
 * out), the session restored on load, and sign-out and organization switches
 * shared with the other tabs.
 */
export class SessionManager {
  /** Calls the API as the signed-in user; the access token is refreshed first when it is (nearly) expired. */
  readonly client: KeystoneClient;
  private readonly anonymous: KeystoneClient;
  private readonly store: TokenStore;
  private crossTab: CrossTab | null = null;
  private readonly listeners = new Set<() => void>();
  private current: TokenSet | null = null;
  private refreshing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;

  private readonly options: SessionManagerOptions;

  constructor(options: SessionManagerOptions) {
    this.options = options;
    const cookie = options.tokenDelivery === 'cookie';
    const base = {
      baseUrl: options.apiUrl,
      publishableKey: options.publishableKey,
      fetch: options.fetch,
      // Cookie mode: every token answer sets the cookie; the CSRF header lets a refresh use it.
      ...(cookie
        ? {
            credentials: 'include' as const,
            headers: { 'x-keystone-token-delivery': 'cookie', 'x-keystone-csrf': '1' },
          }
        : {}),
    };
    this.anonymous = createKeystoneClient(base);
    this.client = createKeystoneClient({ ...base, accessToken: () => this.accessToken() });
    this.store = createTokenStore(options.storage ?? 'memory', this.storageKey);
  }

  private get storageKey(): string {
    return this.options.storageKey ?? 'keystone.session';
  }

  /** Listens to the other tabs and keeps the session refreshed until stop(); start() again after stop() is fine. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.crossTab = openCrossTab(this.options.channelName ?? 'keystone', this.storageKey, (message) => {
      void this.onTabMessage(message);
    });
    if (this.current) this.scheduleRefresh(this.current);
  }

  stop(): void {
    this.started = false;
    clearTimeout(this.timer);
    this.crossTab?.close();
    this.crossTab = null;
  }

  get tokens(): TokenSet | null {
    return this.current;
  }

  get claims(): AccessTokenClaims | null {
    return this.current ? readClaims(this.current.accessToken) : null;
  }

  /** Called after every change of the tokens (sign-in, refresh, organization switch, sign-out). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** On load: the stored session, refreshed when its access token ran out meanwhile. */
  async restore(): Promise<void> {
    const stored = this.store.read();
    if (!stored && this.cookieMode) return this.refresh(); // the cookie may hold a session: signed in or 401
    if (!stored) return;
    this.set(stored, { broadcast: false });
    if (this.needsRefresh(stored)) await this.refresh();
  }

  /** Starts the session a sign-in answered. */
  async adopt(answer: TokenAnswer): Promise<void> {
    this.set(toTokenSet(answer, null), { broadcast: true });
  }

  /** The current access token, refreshed first if it is about to expire; undefined when signed out. */
  async accessToken(): Promise<string | undefined> {
    if (this.current && this.needsRefresh(this.current)) await this.refresh().catch(() => {});
    return this.current?.accessToken;
  }

  /** Exchanges the refresh token for a new pair now (one at a time, across tabs that share storage). */
  refresh(): Promise<void> {
    this.refreshing ??= this.withTabLock(() => this.refreshOnce()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Ends the session on the server and here, and in every other tab of the same user. */
  async signOut(): Promise<void> {
    const tokens = this.current;
    const sub = this.claims?.sub;
    if (tokens) {
      await this.anonymous
        .POST('/v1/auth/sign-out', { body: {}, headers: { authorization: `Bearer ${tokens.accessToken}` } })
        .catch(() => {}); // an expired or already ended session is signed out all the same
    }
    this.clear();
    if (sub) this.crossTab?.post({ type: 'signed_out', sub });
  }

  /** A new access token naming the organization (or none); other tabs of the same user follow. */
  async setActiveOrganization(orgId: string | null, options: { broadcast?: boolean } = {}): Promise<void> {
    const { data } = await this.client.POST('/v1/me/active-organization', { body: { org_id: orgId } });
    this.set(toTokenSet(answered(data), this.current?.refreshToken ?? null), { broadcast: false });
    if (options.broadcast === false) return;
    const sub = this.claims?.sub;
    if (this.store.shared) this.crossTab?.post({ type: 'tokens_changed' });
    else if (sub) this.crossTab?.post({ type: 'active_org', sub, orgId });
  }

  private get cookieMode(): boolean {
    return this.options.tokenDelivery === 'cookie';
  }

  private async refreshOnce(): Promise<void> {
    const before = this.current;
    if (!before && this.cookieMode) return this.refreshFromServer(null);
    if (!before) return;
    // Another tab sharing our storage may have refreshed already: its tokens are ours too.
    const stored = this.store.shared ? this.store.read() : before;
    if (!stored) return this.clear();
    if (stored.accessToken !== before.accessToken && !this.needsRefresh(stored)) {
      return this.set(stored, { broadcast: false });
    }
    return this.refreshFromServer(stored.refreshToken);
  }

  private async refreshFromServer(refreshToken: string | null): Promise<void> {
    try {
      const { data } = await this.anonymous.POST('/v1/auth/refresh', {
        body: refreshToken ? { refresh_token: refreshToken } : {},
      });
      this.set(toTokenSet(answered(data), null), { broadcast: true });
    } catch (error) {
      if (isKeystoneApiError(error) && error.status === 401) {
        // Reused, revoked or expired: this session is over (reuse ended the user's others too).
        const sub = this.claims?.sub;
        this.clear();
        if (sub) this.crossTab?.post({ type: 'signed_out', sub });
        return;
      }
      this.options.onError?.(error);
      if (this.current) this.schedule(RETRY_AFTER_NETWORK_ERROR_MS);
      throw error;
    }
  }

  private async onTabMessage(message: TabMessage): Promise<void> {
    if (!this.started) return;
    if (this.store.shared) return this.adoptStored();
    const sub = this.claims?.sub;
    if (!sub || message.type === 'tokens_changed' || message.sub !== sub) return;
    if (message.type === 'signed_out') return this.signOutHere();
    if (message.type === 'active_org' && (this.claims?.org_id ?? null) !== message.orgId) {
      await this.setActiveOrganization(message.orgId, { broadcast: false }).catch(this.options.onError);
    }
  }

  /** localStorage: another tab changed the tokens; take them as they are. */
  private adoptStored(): void {
    const stored = this.store.read();
    if (stored?.accessToken === this.current?.accessToken) return;
    if (stored) this.set(stored, { broadcast: false });
    else this.clearHere();
  }

  /** This tab's own session ends because the user signed out in another tab. */
  private async signOutHere(): Promise<void> {
    const tokens = this.current;
    if (tokens) {
      await this.anonymous
        .POST('/v1/auth/sign-out', { body: {}, headers: { authorization: `Bearer ${tokens.accessToken}` } })
        .catch(() => {});
    }
    this.clear();
  }

  private set(tokens: TokenSet, { broadcast }: { broadcast: boolean }): void {
    this.current = tokens;
    this.store.write(tokens);
    this.scheduleRefresh(tokens);
    if (broadcast && this.store.shared) this.crossTab?.post({ type: 'tokens_changed' });
    this.emit();
  }

  private clear(): void {
    const had = this.current !== null;
    this.store.write(null);
    if (had && this.store.shared) this.crossTab?.post({ type: 'tokens_changed' });
    this.clearHere();
  }

  private clearHere(): void {
    this.current = null;
    clearTimeout(this.timer);
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private scheduleRefresh(tokens: TokenSet): void {
    const leeway = this.leewayMs(tokens);
    // Tabs sharing a refresh token spread their timers, so the later one finds the earlier one's new tokens
    // even in a browser without Web Locks.
    const jitter = this.store.shared || this.cookieMode ? Math.random() * Math.min(5000, leeway / 4) : 0;
    this.schedule(Math.max(1000, tokens.expiresAt - leeway - jitter - Date.now()));
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (!this.started) return;
    this.timer = setTimeout(() => {
      this.refresh().catch(() => {}); // reported through onError, retried by schedule
    }, delayMs);
  }

  private needsRefresh(tokens: TokenSet): boolean {
    return tokens.expiresAt - this.leewayMs(tokens) <= Date.now();
  }

  private leewayMs(tokens: TokenSet): number {
    if (this.options.refreshLeewaySeconds !== undefined) return this.options.refreshLeewaySeconds * 1000;
    const claims = readClaims(tokens.accessToken);
    const lifetimeMs = claims?.iat ? (claims.exp - claims.iat) * 1000 : 300_000;
    return Math.min(60_000, lifetimeMs / 3);
  }

  /** Tabs sharing storage or the cookie refresh one at a time (Web Locks), so no refresh token is presented twice. */
  private async withTabLock(work: () => Promise<void>): Promise<void> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (!(this.store.shared || this.cookieMode) || !locks) return work();
    await locks.request(`keystone-refresh:${this.storageKey}`, work);
  }
}

function toTokenSet(answer: TokenAnswer, keptRefreshToken: string | null): TokenSet {
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? keptRefreshToken,
    expiresAt: Date.now() + answer.expires_in * 1000,
  };
}

/** The SDK throws every problem, so a call that returned has its body (undefined only for a 204). */
export function answered<T>(data: T | undefined): T {
  if (data === undefined) throw new Error('Keystone answered without a body');
  return data;
}
