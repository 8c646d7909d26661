import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { KeystoneFlagsProvider } from '../../../../../sdk/src/flags/index.ts';
import { serverBackendEnv } from '../../../../test/support/server-backend-env.ts';
import { type SpawnedServer, spawnServer } from '../../../../test/support/spawn-server.ts';
import { testBackend } from '../../../../test/support/test-database.ts';
import { formatApiKey } from '../../../orgs/api-keys/engine/key-format.ts';
import { booleanFlag } from '../../test/flags-client.ts';
import { sseReader } from './sse-reader.ts';

const ROUNDS = 5;

/**
 * The kill switch end to end: two server processes on one PostgreSQL, a flag killed through process A;
 * process B's remote evaluation, its streamed flag set and an SDK connected to B serve off within 1 s.
 */
describe('kill switch across server processes and a connected SDK', {
  skip: testBackend !== 'postgres' && 'PGlite is one process: this runs on the PostgreSQL pass',
}, () => {
  let backend: Awaited<ReturnType<typeof serverBackendEnv>>;
  const servers: SpawnedServer[] = [];
  const adminKey = formatApiKey('secret', 'live', randomBytes(32));
  let provider: KeystoneFlagsProvider | undefined;
  before(async () => {
    backend = await serverBackendEnv();
    // One after the other: the first applies the migrations.
    for (let i = 0; i < 2; i++) {
      servers.push(
        await spawnServer(
          { ...(await backend.next()), LOG_LEVEL: 'warn', KEYSTONE_ADMIN_KEY: adminKey },
          110_000,
        ),
      );
    }
  });
  after(async () => {
    await provider?.onClose();
    await Promise.all(servers.map((server) => server.stop()));
    await backend.cleanup();
  });

  async function call(server: SpawnedServer, method: string, path: string, body: unknown, key = adminKey) {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text);
  }

  it(`a kill on process A is served off by process B (remote evaluation, stream) and B’s SDK within 1 s (${ROUNDS} rounds)`, async () => {
    const [a, b] = servers as [SpawnedServer, SpawnedServer];
    const context = { targetingKey: 'user-1' };
    // An evaluation key bound to production, made on A; B's SDK and remote evaluation use it.
    const evaluationKey: string = (
      await call(a, 'POST', '/v1/api-keys', {
        name: 'kill switch',
        scopes: ['flags:evaluate'],
        flags_environment: 'production',
      })
    ).secret;
    provider = new KeystoneFlagsProvider({ baseUrl: b.url, secretKey: evaluationKey });
    await provider.initialize();
    const remoteValue = async (key: string) =>
      (await call(b, 'POST', '/v1/flags/evaluate', { context, flags: [key] }, evaluationKey)).flags[0].value;
    const res = await fetch(`${b.url}/v1/flags/stream?environment=production`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    assert.equal(res.status, 200);
    assert.ok(res.body);
    const streamB = sseReader(res.body);
    const remoteTimes: number[] = [];
    const serverTimes: number[] = [];
    const sdkTimes: number[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const key = `kill-${round}`;
      await call(a, 'PUT', `/v1/flags/${key}`, {
        ...booleanFlag(key),
        environments: { production: { on: true, off_variant: 'off', fallthrough: { variant: 'on' } } },
      });
      // B's stream and the SDK have the flag on before the kill.
      for (;;) {
        const { set } = await streamB.nextFlagSet();
        const flag = set.flags.find((f: { key: string }) => f.key === key);
        if (flag?.environments.production.on === true) break;
      }
      while (provider.evaluate<boolean>(key, 'boolean', false, context).value !== true) await pause();

      assert.equal(await remoteValue(key), true);

      const started = performance.now();
      const killed = call(a, 'POST', `/v1/flags/${key}/kill`, { environment: 'production' });
      const sdkOff = (async () => {
        while (provider.evaluate<boolean>(key, 'boolean', true, context).value !== false) {
          if (performance.now() - started > 5_000) throw new Error('the SDK never served off');
          await pause();
        }
        return performance.now() - started;
      })();
      const serverOff = (async () => {
        for (;;) {
          const { set } = await streamB.nextFlagSet();
          const flag = set.flags.find((f: { key: string }) => f.key === key);
          if (flag?.environments.production.on === false) return performance.now() - started;
        }
      })();
      const remoteOff = (async () => {
        while ((await remoteValue(key)) !== false) {
          if (performance.now() - started > 5_000) throw new Error('B never evaluated off');
        }
        return performance.now() - started;
      })();
      const [remoteMs, serverMs, sdkMs] = await Promise.all([remoteOff, serverOff, sdkOff, killed]);
      remoteTimes.push(remoteMs);
      serverTimes.push(serverMs);
      sdkTimes.push(sdkMs);
      assert.equal(provider.evaluate(key, 'boolean', true, context).reason, 'DISABLED');
    }
    await streamB.cancel();
    const show = (times: number[]) => times.map((ms) => ms.toFixed(1)).join(', ');
    console.log(`kill on A → B's remote evaluation off (ms): ${show(remoteTimes)}`);
    console.log(`kill on A → B's streamed flag set off (ms): ${show(serverTimes)}`);
    console.log(`kill on A → SDK on B evaluates off (ms): ${show(sdkTimes)}`);
    for (const ms of [...remoteTimes, ...serverTimes, ...sdkTimes]) assert.ok(ms < 1_000, `${ms} ms`);
  });
});

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}
