import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createKey, seedOrg } from '../../../orgs/api-keys/test/api-key-fixtures.ts';
import { booleanFlag, flagsClient } from '../../test/flags-client.ts';
import { FlagSetStream } from '../flag-set-stream.ts';
import { sseReader } from './sse-reader.ts';

/** GET /v1/flags/stream over real HTTP: the first set, every change, resume, who may, server close. */
describe('the flag-set stream (SSE)', () => {
  let t: TestApp;
  let baseUrl: string;
  let flags: ReturnType<typeof flagsClient>;
  const open: Array<{ cancel(): Promise<void> }> = [];
  before(async () => {
    t = await startTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    flags = flagsClient(t.app, t.operator);
    await flags.put('checkout', booleanFlag('checkout'));
  });
  after(async () => {
    await Promise.all(open.map((reader) => reader.cancel()));
    await t.close();
  });

  async function connect(query: string, headers: Record<string, string> = t.operator) {
    const res = await fetch(`${baseUrl}/v1/flags/stream${query}`, { headers });
    if (res.status !== 200) return { res, reader: undefined };
    assert.ok(res.body);
    const reader = sseReader(res.body);
    open.push(reader);
    return { res, reader };
  }

  async function kill(key: string, environment: string) {
    const res = await flags.call('POST', `/v1/flags/${key}/kill`, { environment });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().flag_set_version as number | undefined;
  }

  it('sends the environment’s whole flag set at once (id = version), with the platform’s headers', async () => {
    const { res, reader } = await connect('?environment=production');
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(res.headers.get('cache-control'), 'no-cache, no-transform');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(reader);
    const first = await reader.nextFlagSet();
    assert.equal(first.set.environment, 'production');
    assert.equal(String(first.set.version), first.id);
    assert.equal(first.set.version, await t.app.flags.flagSetVersion());
    const checkout = first.set.flags.find((flag: { key: string }) => flag.key === 'checkout');
    assert.deepEqual(Object.keys(checkout.environments), ['production'], 'other environments left out');
    assert.equal(checkout.environments.production.on, true);
    assert.deepEqual(reader.retries, [1000]);
  });

  it('sends the new set on every change: a PUT, then a kill (off in the set)', async () => {
    const { reader } = await connect('?environment=production');
    assert.ok(reader);
    const first = await reader.nextFlagSet();
    await flags.put('banner', booleanFlag('banner'));
    const afterPut = await reader.nextFlagSet();
    assert.ok(afterPut.set.version > first.set.version);
    assert.ok(afterPut.set.flags.some((flag: { key: string }) => flag.key === 'banner'));
    await kill('banner', 'production');
    const afterKill = await reader.nextFlagSet();
    assert.ok(afterKill.set.version > afterPut.set.version);
    const banner = afterKill.set.flags.find((flag: { key: string }) => flag.key === 'banner');
    assert.equal(banner.environments.production.on, false);
  });

  it('resumes: Last-Event-ID at the current version gets no snapshot, only the next change', async () => {
    const current = await t.app.flags.flagSetVersion();
    const { reader } = await connect('?environment=development', {
      ...t.operator,
      'last-event-id': String(current),
    });
    assert.ok(reader);
    await flags.put('resume', booleanFlag('resume'));
    const next = await reader.nextFlagSet();
    assert.ok(next.set.version > current, `the first event is the change, not version ${current} again`);
    assert.ok(next.set.flags.some((flag: { key: string }) => flag.key === 'resume'));

    // An older Last-Event-ID gets the current set at once.
    const behind = await connect('?environment=development', { ...t.operator, 'last-event-id': '1' });
    assert.ok(behind.reader);
    assert.equal((await behind.reader.nextFlagSet()).set.version, await t.app.flags.flagSetVersion());
  });

  it('streams a bound key’s environment, any environment to admin keys; refuses others with a problem', async () => {
    const evaluator = await createKey(t.app, '/v1/api-keys', t.operator, {
      name: 'evaluator',
      scopes: ['flags:evaluate'],
      flags_environment: 'staging',
    });
    const unbound = await createKey(t.app, '/v1/api-keys', t.operator, {
      name: 'unbound',
      scopes: ['flags:evaluate'],
    });
    const admin = await createKey(t.app, '/v1/api-keys', t.operator, { name: 'admin', scopes: ['admin'] });
    const other = await createKey(t.app, '/v1/api-keys', t.operator, { name: 'fga', scopes: ['fga:check'] });
    const org = await seedOrg(t.app, t.database);
    const orgKey = await createKey(t.app, `/v1/organizations/${org.orgId}/api-keys`, org.owner, {
      name: 'org',
      scopes: ['flags:evaluate'],
    });
    const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

    for (const [query, secret, environment] of [
      ['', evaluator.secret, 'staging'],
      ['?environment=staging', evaluator.secret, 'staging'],
      ['?environment=development', admin.secret, 'development'],
    ] as const) {
      const { reader } = await connect(query, bearer(secret));
      assert.ok(reader, `${query} streams`);
      assert.equal((await reader.nextFlagSet()).set.environment, environment);
    }
    const problems = [
      { query: '?environment=staging', headers: {}, status: 401, code: 'unauthenticated' },
      { query: '?environment=production', headers: bearer(evaluator.secret), status: 403, code: 'forbidden' },
      { query: '?environment=staging', headers: bearer(unbound.secret), status: 403, code: 'forbidden' },
      { query: '?environment=staging', headers: bearer(other.secret), status: 403, code: 'forbidden' },
      { query: '?environment=staging', headers: bearer(orgKey.secret), status: 403, code: 'forbidden' },
      { query: '', headers: bearer(admin.secret), status: 400, code: 'validation_failed' },
      { query: '?environment=nowhere', headers: t.operator, status: 404, code: 'environment_not_found' },
      { query: '?environment=staging&x=1', headers: t.operator, status: 400, code: 'validation_failed' },
    ];
    for (const { query, headers, status, code } of problems) {
      const { res } = await connect(query, headers);
      assert.equal(res.status, status, `${query} ${JSON.stringify(headers)}`);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      assert.equal(((await res.json()) as { code: string }).code, code);
    }
  });

  it('writes a heartbeat comment while nothing changes', async () => {
    const stream = new FlagSetStream(t.app.flags, 'development', 0, {
      heartbeatMs: 20,
      retryMs: 1000,
      onError: (error) => assert.fail(error as Error),
    });
    await stream.start();
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      stream.body.on('data', (chunk: Buffer) => {
        seen.push(chunk.toString());
        if (seen.join('').includes(': heartbeat\n\n')) resolve();
      });
    });
    stream.close();
    assert.match(seen.join(''), /^retry: 1000\n\nid: \d+\nevent: flag-set\n/);
  });

  it('ends open streams when the server closes (SIGTERM drain), long before the 25 s grace', {
    timeout: 15_000,
  }, async () => {
    const closing = await startTestApp();
    try {
      await closing.app.listen({ host: '127.0.0.1', port: 0 });
      const url = `http://127.0.0.1:${(closing.app.server.address() as AddressInfo).port}`;
      const res = await fetch(`${url}/v1/flags/stream?environment=development`, {
        headers: closing.operator,
      });
      assert.ok(res.body);
      const reader = sseReader(res.body);
      await reader.nextFlagSet();
      const closed = closing.app.close();
      assert.equal(await reader.next(), undefined, 'the stream ends');
      await closed;
    } finally {
      await closing.database.close();
    }
  });
});
