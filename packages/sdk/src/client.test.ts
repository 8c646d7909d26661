import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../server/test/support/test-app.ts';
import { createKeystoneClient, isKeystoneApiError, KeystoneApiError } from './index.ts';

/** The client against a real server over real HTTP. */
describe('the Keystone client', () => {
  let t: TestApp;
  let baseUrl: string;
  before(async () => {
    t = await startTestApp({ env: { KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE: '3' } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => t.close());

  const email = `sdk-${Date.now()}@example.test`;
  const password = 'correct horse battery staple 42';

  it('signs up, signs in and reads the typed profile with the access token', async () => {
    let token: string | undefined;
    const keystone = createKeystoneClient({ baseUrl, accessToken: () => token });
    const signedUp = await keystone.POST('/v1/auth/sign-up', { body: { email, password, name: 'Sdk User' } });
    assert.equal(signedUp.response.status, 202);
    const { data } = await keystone.POST('/v1/auth/sign-in', { body: { email, password } });
    assert.ok(data && data.status === 'signed_in');
    token = data.access_token;
    const me = await keystone.GET('/v1/me');
    assert.equal(me.data?.email, email);
    assert.equal(me.data?.name, 'Sdk User');
  });

  it('throws problems as KeystoneApiError with the stable code, fields and Retry-After', async () => {
    const keystone = createKeystoneClient({ baseUrl });
    const wrong = await keystone
      .POST('/v1/auth/sign-in', { body: { email, password: 'not the password' } })
      .then(
        () => assert.fail('a wrong password must throw'),
        (error: unknown) => error,
      );
    assert.ok(isKeystoneApiError(wrong, 'invalid_credentials'));
    assert.equal(wrong.status, 401);
    assert.ok(wrong.traceId);

    const invalid = await keystone
      .POST('/v1/auth/sign-up', { body: { email: 'not an email', password } })
      .catch((error: unknown) => error);
    assert.ok(invalid instanceof KeystoneApiError && invalid.code === 'validation_failed');
    assert.ok(
      invalid.fields.some((field) => field.field === 'email'),
      JSON.stringify(invalid.fields),
    );

    // The per-identifier limit is 3 a minute here: the next tries are refused with 429 and a wait.
    let limited: unknown;
    for (let i = 0; i < 5 && !limited; i++) {
      await keystone
        .POST('/v1/auth/sign-in', { body: { email, password: 'still wrong' } })
        .catch((error: unknown) => {
          if (isKeystoneApiError(error, 'rate_limited')) limited = error;
        });
    }
    assert.ok(limited instanceof KeystoneApiError, 'rate limited at last');
    assert.equal(limited.status, 429);
    assert.ok((limited.retryAfterSeconds ?? 0) > 0);
  });

  it('sends a secret key as a bearer token and a publishable key as X-Keystone-Key', async () => {
    const seen: Array<{ authorization: string | null; key: string | null }> = [];
    const recording: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      seen.push({
        authorization: request.headers.get('authorization'),
        key: request.headers.get('x-keystone-key'),
      });
      return fetch(request);
    };
    const backend = createKeystoneClient({ baseUrl, secretKey: t.operatorKey, fetch: recording });
    const { data } = await backend.GET('/v1/app-permissions');
    assert.ok(Array.isArray(data?.data));
    const created = await backend.POST('/v1/api-keys', {
      body: {
        name: 'sdk browser key',
        kind: 'publishable',
        environment: 'test',
        scopes: ['flags:evaluate'],
        flags_environment: 'development',
      },
    });
    const publishableKey = created.data?.secret;
    assert.ok(publishableKey?.startsWith('pk_test_'));
    const browser = createKeystoneClient({ baseUrl, publishableKey, fetch: recording });
    assert.equal((await browser.GET('/healthz')).data?.status, 'ok');
    assert.deepEqual(seen, [
      { authorization: `Bearer ${t.operatorKey}`, key: null },
      { authorization: `Bearer ${t.operatorKey}`, key: null },
      { authorization: null, key: publishableKey },
    ]);
  });

  it('in a browser app: the publishable key until sign-in, then the user’s token alone', async () => {
    const created = await createKeystoneClient({ baseUrl, secretKey: t.operatorKey }).POST('/v1/api-keys', {
      body: {
        name: 'sdk web app',
        kind: 'publishable',
        environment: 'test',
        scopes: ['flags:evaluate'],
        flags_environment: 'development',
      },
    });
    const publishableKey = created.data?.secret;
    assert.ok(publishableKey);
    const seen: Array<{ authorization: string | null; key: string | null }> = [];
    const recording: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      seen.push({
        authorization: request.headers.get('authorization'),
        key: request.headers.get('x-keystone-key'),
      });
      return fetch(request);
    };
    let token: string | undefined;
    const app = createKeystoneClient({ baseUrl, publishableKey, accessToken: () => token, fetch: recording });
    // A user of its own: the test above used up the first one's sign-in attempts.
    const webUser = `sdk-web-${Date.now()}@example.test`;
    await app.POST('/v1/auth/sign-up', { body: { email: webUser, password } });
    const { data } = await app.POST('/v1/auth/sign-in', { body: { email: webUser, password } });
    assert.ok(data && data.status === 'signed_in');
    token = data.access_token;
    // With the key beside the token the server would see the key, which may not read /v1/me (403).
    const me = await app.GET('/v1/me');
    assert.equal(me.data?.email, webUser);
    assert.deepEqual(seen, [
      { authorization: null, key: publishableKey },
      { authorization: null, key: publishableKey },
      { authorization: `Bearer ${token}`, key: null },
    ]);
  });
});
