import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { codeOf, postJson } from '../../../test/support/email-flow-client.ts';
import {
  bearer,
  newSignedInUser,
  STRONG_PASSWORD,
  signUp,
  uniqueEmail,
} from '../../../test/support/identity-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../test/support/mail-test-app.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { TestSmtp } from '../../../test/support/test-smtp.ts';

const APP_ORIGIN = 'https://app.example.test';
const COOKIE = '__Secure-keystone_refresh';
const asCookieClient = { 'x-keystone-token-delivery': 'cookie' };
const sameOrigin = { 'x-keystone-csrf': '1', origin: APP_ORIGIN };

type SetCookie = { name: string; value: string; attributes: Map<string, string | true> };

function setCookieOf(res: { headers: Record<string, unknown> }): SetCookie | undefined {
  const header = res.headers['set-cookie'];
  const all = header === undefined ? [] : Array.isArray(header) ? header : [header];
  assert.ok(all.length <= 1, `one Set-Cookie at most: ${JSON.stringify(all)}`);
  if (all.length === 0) return undefined;
  const [pair = '', ...rest] = String(all[0]).split(';');
  const at = pair.indexOf('=');
  const attributes = new Map<string, string | true>();
  for (const part of rest) {
    const [key = '', ...value] = part.trim().split('=');
    attributes.set(key.toLowerCase(), value.length ? value.join('=') : true);
  }
  return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
}

async function cookieSignIn(app: FastifyInstance) {
  const user = await newSignedInUser(app);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/auth/sign-in',
    headers: asCookieClient,
    payload: { email: user.email, password: user.password },
  });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = setCookieOf(res);
  assert.ok(cookie, 'a cookie is set');
  return { user, body: res.json(), cookie };
}

function cookieRefresh(app: FastifyInstance, token: string, headers: Record<string, string> = sameOrigin) {
  return app.inject({
    method: 'POST',
    url: '/v1/auth/refresh',
    headers: { ...headers, cookie: `theme=dark; ${COOKIE}=${token}` },
  });
}

describe('refresh tokens in an HttpOnly cookie for browser apps', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { KEYSTONE_CORS_ORIGINS: APP_ORIGIN } });
  });
  after(() => t.close());

  it('sets the refresh token as a Secure, HttpOnly, SameSite=Strict cookie on /v1/auth, not in the JSON', async () => {
    const { body, cookie } = await cookieSignIn(t.app);
    assert.equal(cookie.name, COOKIE);
    assert.match(cookie.value, /^ks_rt_\w{40,}$/);
    assert.equal(cookie.attributes.get('path'), '/v1/auth');
    assert.equal(cookie.attributes.get('httponly'), true);
    assert.equal(cookie.attributes.get('secure'), true);
    assert.equal(cookie.attributes.get('samesite'), 'Strict');
    assert.equal(cookie.attributes.has('domain'), false, 'host-only');
    const maxAge = Number(cookie.attributes.get('max-age'));
    assert.ok(maxAge > 29 * 86_400 && maxAge <= 30 * 86_400, `the session's lifetime: ${maxAge}`);
    assert.equal(body.status, 'signed_in');
    assert.equal(body.refresh_token, undefined, 'script never sees the refresh token');
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(body.access_token) });
    assert.equal(me.statusCode, 200, me.body);
  });

  it('leaves JSON clients alone: no cookie, refresh token in the body', async () => {
    const user = await newSignedInUser(t.app);
    assert.ok(user.refresh_token);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refresh_token: user.refresh_token },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(setCookieOf(res), undefined);
    assert.ok(res.json().refresh_token);
  });

  it('refreshes from the cookie and rotates it; the old cookie replayed is reuse and ends every session', async () => {
    const { cookie } = await cookieSignIn(t.app);
    const first = await cookieRefresh(t.app, cookie.value);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().refresh_token, undefined);
    const rotated = setCookieOf(first);
    assert.ok(rotated);
    assert.equal(rotated.name, COOKIE);
    assert.notEqual(rotated.value, cookie.value);
    assert.equal(rotated.attributes.get('httponly'), true);
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: bearer(first.json().access_token),
    });
    assert.equal(me.statusCode, 200);

    // Even a caller asking for JSON gets a cookie-born token back in the cookie only.
    const second = await cookieRefresh(t.app, rotated.value, {
      ...sameOrigin,
      'x-keystone-token-delivery': 'json',
    });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().refresh_token, undefined);
    const latest = setCookieOf(second);
    assert.ok(latest);

    const replay = await cookieRefresh(t.app, cookie.value);
    assert.equal(replay.statusCode, 401);
    assert.equal(replay.json().code, 'refresh_token_reused');
    assert.equal(setCookieOf(replay)?.attributes.get('max-age'), '0', 'the dead cookie is dropped');
    const afterTheft = await cookieRefresh(t.app, latest.value);
    assert.equal(afterTheft.json().code, 'invalid_refresh_token');
  });

  it('refuses the cookie without the CSRF header or from a foreign origin, and consumes nothing', async () => {
    const { cookie } = await cookieSignIn(t.app);
    const refusals: Record<string, string>[] = [
      {},
      { origin: APP_ORIGIN },
      { 'x-keystone-csrf': '1', origin: 'https://evil.example' },
      { 'x-keystone-csrf': '1', origin: 'null' },
    ];
    for (const headers of refusals) {
      const res = await cookieRefresh(t.app, cookie.value, headers);
      assert.equal(res.statusCode, 403, JSON.stringify(headers));
      assert.equal(res.json().code, 'csrf_check_failed');
      assert.equal(setCookieOf(res), undefined, 'a cross-site request cannot even clear the cookie');
    }
    // Same origin as the server itself, and no Origin at all (not a browser): allowed.
    const own = await cookieRefresh(t.app, cookie.value, {
      'x-keystone-csrf': '1',
      origin: t.config.publicUrl,
    });
    assert.equal(own.statusCode, 200, own.body);
    const next = setCookieOf(own);
    assert.ok(next);
    const noOrigin = await cookieRefresh(t.app, next.value, { 'x-keystone-csrf': 'yes' });
    assert.equal(noOrigin.statusCode, 200, noOrigin.body);
  });

  it('lets the allowed origin send the CSRF and delivery headers through CORS', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/auth/refresh',
      headers: {
        origin: APP_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-keystone-csrf,x-keystone-token-delivery',
      },
    });
    assert.equal(preflight.statusCode, 204, preflight.body);
    const allowed = String(preflight.headers['access-control-allow-headers']);
    assert.match(allowed, /x-keystone-csrf/);
    assert.match(allowed, /x-keystone-token-delivery/);
    assert.equal(preflight.headers['access-control-allow-credentials'], 'true');
  });

  it('sign-out ends the session and clears the cookie', async () => {
    const { body, cookie } = await cookieSignIn(t.app);
    const out = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: { ...bearer(body.access_token), cookie: `${COOKIE}=${cookie.value}` },
    });
    assert.equal(out.statusCode, 204, out.body);
    const cleared = setCookieOf(out);
    assert.ok(cleared);
    assert.equal(cleared.name, COOKIE);
    assert.equal(cleared.value, '');
    assert.equal(cleared.attributes.get('max-age'), '0');
    assert.equal(cleared.attributes.get('path'), '/v1/auth');
    const res = await cookieRefresh(t.app, cookie.value);
    assert.equal(res.json().code, 'invalid_refresh_token');
  });

  it('refuses a missing or ambiguous cookie and an unknown delivery mode', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: sameOrigin });
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().code, 'invalid_refresh_token');

    const { cookie } = await cookieSignIn(t.app);
    const planted = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { ...sameOrigin, cookie: `${COOKIE}=ks_rt_planted; ${COOKIE}=${cookie.value}` },
    });
    assert.equal(planted.statusCode, 401, 'two cookies of our name: one was planted by a sibling');

    const odd = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      headers: { 'x-keystone-token-delivery': 'localStorage' },
      payload: { email: 'someone@example.test', password: STRONG_PASSWORD },
    });
    assert.equal(odd.statusCode, 400);
    assert.equal(odd.json().code, 'validation_failed');
  });
});

describe('cookies on plain-http local development (KEYSTONE_COOKIE_SECURE=false)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { KEYSTONE_COOKIE_SECURE: 'false' } });
  });
  after(() => t.close());

  it('drops Secure and the __Secure- prefix, keeps HttpOnly and SameSite', async () => {
    const { cookie } = await cookieSignIn(t.app);
    assert.equal(cookie.name, 'keystone_refresh');
    assert.equal(cookie.attributes.has('secure'), false);
    assert.equal(cookie.attributes.get('httponly'), true);
    assert.equal(cookie.attributes.get('samesite'), 'Strict');
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { 'x-keystone-csrf': '1', cookie: `keystone_refresh=${cookie.value}` },
    });
    assert.equal(res.statusCode, 200, res.body);
  });
});

describe('cookie delivery on the passwordless sign-in', () => {
  let t: MailTestApp;
  let smtp: TestSmtp;
  before(async () => {
    t = await startMailTestApp();
    smtp = t.smtp;
  });
  after(() => t.close());

  it('refuses a bad delivery header before using the code, then sets the cookie', async () => {
    const email = uniqueEmail('cookie-otp');
    assert.equal((await signUp(t.app, { email, password: STRONG_PASSWORD })).statusCode, 202);
    await smtp.waitForMail(email);
    assert.equal((await postJson(t.app, '/v1/auth/passwordless', { email })).statusCode, 202);
    const code = codeOf(await smtp.waitForMail(email, { since: 1 }));
    const verify = (headers: Record<string, string>) =>
      postJson(t.app, '/v1/auth/passwordless/verify', { email, code }, headers);

    const odd = await verify({ 'x-keystone-token-delivery': 'both' });
    assert.equal(odd.statusCode, 400, odd.body);
    const res = await verify(asCookieClient);
    assert.equal(res.statusCode, 200, 'the refused request did not use the code');
    assert.equal(res.json().refresh_token, undefined);
    const cookie = setCookieOf(res);
    assert.equal(cookie?.name, COOKIE);
    const refreshed = await cookieRefresh(t.app, cookie.value, { 'x-keystone-csrf': '1' });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
  });
});
