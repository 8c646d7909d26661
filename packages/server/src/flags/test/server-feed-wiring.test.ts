import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { serverBackendEnv } from '../../../test/support/server-backend-env.ts';
import { type SpawnedServer, spawnServer } from '../../../test/support/spawn-server.ts';
import { testBackend } from '../../../test/support/test-database.ts';
import { FLAG_CHANNEL } from '../service/postgres-change-feed.ts';

/**
 * A server started as in production on PostgreSQL (DATABASE_URL) LISTENs for flag changes on a
 * connection of its own, and a flag change made through it sends the NOTIFY other processes hear.
 */
describe('flag change feed in a server process', {
  skip: testBackend !== 'postgres' && 'LISTEN/NOTIFY is the PostgreSQL server’s; PGlite is one process',
}, () => {
  let backend: Awaited<ReturnType<typeof serverBackendEnv>>;
  let env: Record<string, string>;
  let server: SpawnedServer;
  before(async () => {
    backend = await serverBackendEnv();
    env = await backend.next();
    server = await spawnServer({ ...env, KEYSTONE_OPERATOR_KEY: OPERATOR_KEY }, 110_000);
  });
  after(async () => {
    await server?.stop();
    await backend.cleanup();
  });

  it('listens on its own connection and announces a kill to a listener elsewhere', async () => {
    const listener = new pg.Client({ connectionString: env.DATABASE_URL });
    await listener.connect();
    try {
      const listening = await listener.query(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = $1',
        [`LISTEN ${FLAG_CHANNEL}`],
      );
      assert.equal(listening.rows[0].n, 1, 'the server holds one LISTEN connection');
      await listener.query(`LISTEN ${FLAG_CHANNEL}`);
      const payloads: string[] = [];
      listener.on('notification', (message) => payloads.push(message.payload ?? ''));

      const call = async (method: string, path: string, body: unknown) => {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { 'x-keystone-key': OPERATOR_KEY, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        assert.ok(res.status < 300, `${path}: ${res.status} ${await res.clone().text()}`);
        return (await res.json()) as { flag_set_version: number };
      };
      await call('PUT', '/v1/flags/wired', {
        type: 'boolean',
        variants: { on: true, off: false },
        off_variant: 'off',
        environments: { production: { on: true, off_variant: 'off', fallthrough: { variant: 'on' } } },
      });
      const killed = await call('POST', '/v1/flags/wired/kill', { environment: 'production' });
      const deadline = Date.now() + 1_000;
      while (!payloads.includes(String(killed.flag_set_version)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.ok(payloads.includes(String(killed.flag_set_version)), `heard ${payloads}`);
    } finally {
      await listener.end();
    }
  });
});

const OPERATOR_KEY = `ks_operator_${'a1B2c3D4e5'.repeat(4)}abc`;
