import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import { booleanFlag } from '../../../server/src/flags/test/flags-client.ts';
import { createKey } from '../../../server/src/orgs/api-keys/test/api-key-fixtures.ts';
import { startTestApp, type TestApp } from '../../../server/test/support/test-app.ts';
import { StreamDisconnected } from './flag-set-connection.ts';
import { KeystoneFlagsProvider, type KeystoneFlagsProviderOptions } from './keystone-flags-provider.ts';

/** The OpenFeature provider against a real Keystone server over real HTTP (PGlite: one process). */
describe('KeystoneFlagsProvider', () => {
  let t: TestApp;
  let baseUrl: string;
  let evaluatorKey: string;
  const providers: KeystoneFlagsProvider[] = [];
  before(async () => {
    t = await startTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    evaluatorKey = (
      await createKey(t.app, '/v1/api-keys', t.operator, {
        name: 'sdk',
        scopes: ['flags:evaluate'],
        flags_environment: 'production',
      })
    ).secret;
    await put('checkout', booleanFlag('checkout'));
  });
  after(async () => {
    await OpenFeature.close();
    await Promise.all(providers.map((provider) => provider.onClose()));
    await t.close();
  });

  async function put(key: string, body: unknown) {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/v1/flags/${key}`,
      headers: t.operator,
      payload: body as object,
    });
    assert.ok(res.statusCode < 300, res.body);
  }

  async function kill(key: string, environment: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/flags/${key}/kill`,
      headers: t.operator,
      payload: { environment },
    });
    assert.equal(res.statusCode, 200, res.body);
  }

  async function connected(domain: string, options: Partial<KeystoneFlagsProviderOptions> = {}) {
    const provider = new KeystoneFlagsProvider({
      baseUrl,
      secretKey: evaluatorKey,
      environment: 'production',
      ...options,
    });
    providers.push(provider);
    await OpenFeature.setProviderAndWait(domain, provider);
    return { provider, client: OpenFeature.getClient(domain) };
  }

  function nextEvent(provider: KeystoneFlagsProvider, event: ProviderEvents) {
    return new Promise<Record<string, unknown>>((resolve) => {
      const handler = (details?: unknown) => {
        provider.events.removeHandler(event, handler);
        resolve((details ?? {}) as Record<string, unknown>);
      };
      provider.events.addHandler(event, handler);
    });
  }

  it('downloads the flag set on initialize and evaluates locally with OpenFeature’s details', async () => {
    const { provider, client } = await connected('evaluates');
    assert.equal(provider.flagSetVersion, await t.app.flags.flagSetVersion());
    const enterprise = await client.getBooleanDetails('checkout', false, {
      targetingKey: 'u1',
      plan: 'enterprise',
    });
    assert.equal(enterprise.value, true);
    assert.equal(enterprise.reason, 'TARGETING_MATCH');
    assert.equal(enterprise.variant, 'on');
    // The 10% rollout: about a tenth of 2,000 users, each always the same.
    let on = 0;
    for (let i = 0; i < 2000; i++) {
      const details = await client.getBooleanDetails('checkout', false, { targetingKey: `user-${i}` });
      assert.equal(details.reason, 'SPLIT');
      if (details.value) on += 1;
    }
    assert.ok(on > 120 && on < 280, `${on} of 2000 in a 10% rollout`);
    const missing = await client.getBooleanDetails('nope', true, { targetingKey: 'u1' });
    assert.equal(missing.value, true);
    assert.equal(missing.errorCode, 'FLAG_NOT_FOUND');
    const mismatch = await client.getStringDetails('checkout', 'x', { targetingKey: 'u1' });
    assert.equal(mismatch.errorCode, 'TYPE_MISMATCH');
  });

  it('a kill reaches the local evaluation through the stream (ConfigurationChanged), in well under 1 s', async () => {
    await put(
      'killme',
      booleanFlag('killme', {
        environments: { production: { on: true, off_variant: 'off', fallthrough: { variant: 'on' } } },
      }),
    );
    const { provider, client } = await connected('kill');
    assert.equal(await client.getBooleanValue('killme', false, { targetingKey: 'u1' }), true);
    const changed = nextEvent(provider, ProviderEvents.ConfigurationChanged);
    const started = performance.now();
    await kill('killme', 'production');
    let details = await client.getBooleanDetails('killme', true, { targetingKey: 'u1' });
    while (details.value !== false && performance.now() - started < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      details = await client.getBooleanDetails('killme', true, { targetingKey: 'u1' });
    }
    const elapsed = performance.now() - started;
    console.log(`kill → SDK local evaluation off (PGlite, one process): ${elapsed.toFixed(1)} ms`);
    assert.equal(details.value, false);
    assert.equal(details.reason, 'DISABLED');
    assert.ok(elapsed < 1_000, `${elapsed} ms`);
    assert.deepEqual((await changed).flagsChanged, ['killme']);
  });

  it('goes Stale when the connection drops, then Ready again, resuming from its version (no snapshot re-sent)', async () => {
    const requests: Array<string | null> = [];
    const recording: typeof fetch = (input, init) => {
      requests.push(new Headers(init?.headers).get('last-event-id'));
      return fetch(input, init);
    };
    const { provider, client } = await connected('resume', { fetch: recording, minBackoffMs: 20 });
    const configChanges: unknown[] = [];
    provider.events.addHandler(ProviderEvents.ConfigurationChanged, (details) => configChanges.push(details));
    const version = provider.flagSetVersion;
    const stale = nextEvent(provider, ProviderEvents.Stale);
    const ready = nextEvent(provider, ProviderEvents.Ready);
    t.app.server.closeAllConnections();
    await stale;
    await ready;
    assert.deepEqual(requests, [null, String(version)]);
    assert.equal(provider.flagSetVersion, version);
    // Stale meanwhile, it still answered from its last set; and changes flow again.
    const changed = nextEvent(provider, ProviderEvents.ConfigurationChanged);
    await put('after-resume', booleanFlag('after-resume'));
    assert.deepEqual((await changed).flagsChanged, ['after-resume']);
    assert.equal(configChanges.length, 1, 'only the change, no re-sent snapshot');
    assert.equal(
      await client.getBooleanValue('after-resume', false, { targetingKey: 'u', plan: 'enterprise' }),
      true,
    );
  });

  it('initialize fails at once when the server refuses the key or the environment is missing', async () => {
    const other = await createKey(t.app, '/v1/api-keys', t.operator, { name: 'fga', scopes: ['fga:check'] });
    const admin = await createKey(t.app, '/v1/api-keys', t.operator, { name: 'admin', scopes: ['admin'] });
    for (const [options, status] of [
      [{ secretKey: other.secret }, 403],
      [{ environment: 'staging' }, 403],
      [{ secretKey: admin.secret }, 400],
      [{ secretKey: admin.secret, environment: 'nowhere' }, 404],
    ] as const) {
      const provider = new KeystoneFlagsProvider({ baseUrl, secretKey: evaluatorKey, ...options });
      providers.push(provider);
      const error = await provider.initialize().then(
        () => assert.fail('initialize must fail'),
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof StreamDisconnected, String(error));
      assert.equal(error.status, status);
    }
  });
});
