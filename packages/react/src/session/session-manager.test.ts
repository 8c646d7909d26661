import { createKeystoneClient, isKeystoneApiError } from '@keystone/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cookieJarFetch } from '../../test/cookie-jar-fetch.ts';
import { startKeystone, type TestKeystone } from '../../test/keystone-server.ts';
import { answered, SessionManager, type SessionManagerOptions } from './session-manager.ts';

describe('SessionManager', () => {
  let keystone: TestKeystone;
  const managers: SessionManager[] = [];
  beforeAll(async () => {
    // Plain-http cookies (keystone_refresh) for the cookie-delivery test.
    keystone = await startKeystone({
      KEYSTONE_ACCESS_TOKEN_TTL_SECONDS: '30',
      KEYSTONE_COOKIE_SECURE: 'false',
    });
  });
  afterEach(() => {
    for (const manager of managers.splice(0)) manager.stop();
    localStorage.clear();
    sessionStorage.clear();
  });
  afterAll(() => keystone.stop());

  function open(options: Partial<SessionManagerOptions> = {}): SessionManager {
    const manager = new SessionManager({ apiUrl: keystone.url, channelName: 'session-test', ...options });
    manager.start();
    managers.push(manager);
    return manager;
  }

  let counter = 0;
  async function signUp() {
    counter += 1;
    const email = `tab-${counter}-${Date.now()}@example.test`;
    const password = 'correct horse battery staple 42';
    const anonymous = createKeystoneClient({ baseUrl: keystone.url });
    await anonymous.POST('/v1/auth/sign-up', { body: { email, password, name: 'Tab' } });
    const signIn = async () => {
      const answer = answered((await anonymous.POST('/v1/auth/sign-in', { body: { email, password } })).data);
      if (answer.status !== 'signed_in') throw new Error('expected tokens');
      return answer;
    };
    return { email, signIn };
  }

  async function until(condition: () => boolean, timeoutMs = 8000) {
    const start = Date.now();
    while (!condition()) {
      if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function refreshWith(refreshToken: string) {
    const anonymous = createKeystoneClient({ baseUrl: keystone.url });
    return anonymous.POST('/v1/auth/refresh', { body: { refresh_token: refreshToken } });
  }

  it('refreshes the access token shortly before it expires and keeps the rotated refresh token', async () => {
    const user = await signUp();
    const manager = open({ refreshLeewaySeconds: 28 }); // 30 s tokens: refresh after ~2 s
    await manager.adopt(await user.signIn());
    const first = manager.tokens;
    await until(() => manager.tokens?.refreshToken !== first?.refreshToken);
    expect(manager.tokens?.accessToken).not.toBe(first?.accessToken);
    const me = answered((await manager.client.GET('/v1/me')).data);
    expect(me.email).toBe(user.email);
  });

  it('signs out when the server refuses the refresh token (reuse detected)', async () => {
    const user = await signUp();
    const manager = open();
    await manager.adopt(await user.signIn());
    let changes = 0;
    manager.subscribe(() => {
      changes += 1;
    });
    const stolen = manager.tokens?.refreshToken ?? '';
    await refreshWith(stolen); // someone else used it first
    await manager.refresh();
    expect(manager.tokens).toBeNull();
    expect(changes).toBe(1);
    const again = await refreshWith(stolen).catch((error: unknown) => error);
    expect(isKeystoneApiError(again) && again.status).toBe(401);
  });

  it('restores a stored session on load, refreshing an access token that ran out meanwhile', async () => {
    const user = await signUp();
    const answer = await user.signIn();
    const stale = {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token,
      expiresAt: Date.now() - 1,
    };
    localStorage.setItem('keystone.session', JSON.stringify(stale));
    const manager = open({ storage: 'localStorage' });
    await manager.restore();
    expect(manager.tokens?.refreshToken).not.toBe(answer.refresh_token);
    expect(JSON.parse(localStorage.getItem('keystone.session') ?? '{}').refreshToken).toBe(
      manager.tokens?.refreshToken,
    );
    expect(answered((await manager.client.GET('/v1/me')).data).email).toBe(user.email);
  });

  it('keeps the tokens where it is told: memory, sessionStorage or localStorage', async () => {
    const user = await signUp();
    for (const storage of ['memory', 'sessionStorage', 'localStorage'] as const) {
      const manager = open({ storage, storageKey: `tokens-${storage}` });
      await manager.adopt(await user.signIn());
      expect(sessionStorage.getItem(`tokens-${storage}`) !== null).toBe(storage === 'sessionStorage');
      expect(localStorage.getItem(`tokens-${storage}`) !== null).toBe(storage === 'localStorage');
      await manager.signOut();
      expect(sessionStorage.length + localStorage.length).toBe(0);
    }
  });

  it('signing out in one tab signs the same user out in the others (memory storage, a session each)', async () => {
    const user = await signUp();
    const other = await signUp();
    const [first, second, stranger] = [open(), open(), open()];
    await first.adopt(await user.signIn());
    await second.adopt(await user.signIn());
    await stranger.adopt(await other.signIn());
    const secondRefresh = second.tokens?.refreshToken ?? '';
    await first.signOut();
    await until(() => second.tokens === null);
    // The other tab ended its own session on the server too.
    const refused = await refreshWith(secondRefresh).catch((error: unknown) => error);
    expect(isKeystoneApiError(refused) && refused.status).toBe(401);
    expect(stranger.tokens).not.toBeNull();
  });

  it('tabs sharing localStorage share the session: sign-in, organization switch and sign-out', async () => {
    const user = await signUp();
    const [first, second] = [open({ storage: 'localStorage' }), open({ storage: 'localStorage' })];
    await first.adopt(await user.signIn());
    await until(() => second.tokens?.accessToken === first.tokens?.accessToken);
    const org = answered(
      (await first.client.POST('/v1/organizations', { body: { name: 'Shared tabs' } })).data,
    );
    await first.setActiveOrganization(org.id);
    expect(first.claims?.org_id).toBe(org.id);
    await until(() => second.claims?.org_id === org.id);
    await first.signOut();
    await until(() => second.tokens === null);
  });

  it('a tab sharing localStorage takes the tokens another tab refreshed instead of spending the same refresh token', async () => {
    const user = await signUp();
    const [first, second] = [open({ storage: 'localStorage' }), open({ storage: 'localStorage' })];
    await first.adopt(await user.signIn());
    await until(() => second.tokens?.accessToken === first.tokens?.accessToken);
    await first.refresh();
    await second.refresh(); // reads the stored pair first: never a second use of the old refresh token
    expect(second.tokens).not.toBeNull();
    await until(() => first.tokens?.accessToken === second.tokens?.accessToken);
    await first.refresh(); // the session is alive: a reuse would have ended it
    expect(first.tokens).not.toBeNull();
  });

  it('an organization switch in one tab is made in the other tabs of the same user (memory storage)', async () => {
    const user = await signUp();
    const [first, second] = [open(), open()];
    await first.adopt(await user.signIn());
    await second.adopt(await user.signIn());
    const org = answered((await first.client.POST('/v1/organizations', { body: { name: 'Two tabs' } })).data);
    await first.setActiveOrganization(org.id);
    await until(() => second.claims?.org_id === org.id);
    expect(second.claims?.sid).not.toBe(first.claims?.sid);
  });

  it('cookie delivery: the refresh token stays in an HttpOnly cookie, a new page signs in from it, sign-out clears it', async () => {
    const user = await signUp();
    const browser = cookieJarFetch();
    const errors: unknown[] = [];
    const cookieOptions = {
      tokenDelivery: 'cookie' as const,
      fetch: browser.fetch,
      onError: (e: unknown) => errors.push(e),
    };
    const firstPage = open(cookieOptions);
    const { data } = await firstPage.client.POST('/v1/auth/sign-in', {
      body: { email: user.email, password: 'correct horse battery staple 42' },
    });
    const answer = answered(data);
    if (answer.status !== 'signed_in') throw new Error('expected tokens');
    expect(answer.refresh_token).toBeUndefined();
    await firstPage.adopt(answer);
    expect(firstPage.tokens?.refreshToken).toBeNull();
    const issued = browser.cookies.get('keystone_refresh')?.value;
    expect(issued).toMatch(/^ks_rt_/);

    const reloaded = open(cookieOptions);
    await reloaded.restore();
    expect(reloaded.claims?.sub).toBe(firstPage.claims?.sub);
    expect(browser.cookies.get('keystone_refresh')?.value).not.toBe(issued); // rotated
    expect(answered((await reloaded.client.GET('/v1/me')).data).email).toBe(user.email);

    await reloaded.signOut();
    expect(browser.cookies.has('keystone_refresh')).toBe(false);
    const afterSignOut = open(cookieOptions);
    await afterSignOut.restore();
    expect(afterSignOut.tokens).toBeNull();
    expect(errors).toEqual([]);
  });
});
