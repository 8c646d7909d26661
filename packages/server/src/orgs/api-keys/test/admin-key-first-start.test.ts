import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serverBackendEnv } from '../../../../test/support/server-backend-env.ts';
import { type SpawnedServer, spawnServer } from '../../../../test/support/spawn-server.ts';
import { testBackend } from '../../../../test/support/test-database.ts';
import { OPERATOR_KEY_KIND } from '../../../platform/auth/operator-keys.ts';
import { issueSecret } from '../../../platform/crypto/secret-hash.ts';

/** Two real server processes starting at once on one fresh PostgreSQL database, without KEYSTONE_ADMIN_KEY. */
describe('the first-start admin key with two servers starting together', {
  skip: testBackend !== 'postgres' && 'PGlite is one process: this runs on the PostgreSQL pass',
}, () => {
  let backend: Awaited<ReturnType<typeof serverBackendEnv>>;
  let servers: SpawnedServer[] = [];
  // Both share an operator key so the test can list the instance's keys on either.
  const operatorKey = issueSecret(OPERATOR_KEY_KIND).plaintext;
  before(async () => {
    backend = await serverBackendEnv();
    const envs = [await backend.next(), await backend.next()];
    servers = await Promise.all(
      envs.map((env) =>
        spawnServer({ ...env, LOG_LEVEL: 'warn', KEYSTONE_OPERATOR_KEY: operatorKey }, 110_000),
      ),
    );
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await backend.cleanup();
  });

  it('exactly one instance admin key is made and audited once', async () => {
    for (const server of servers) {
      const res = await fetch(`${server.url}/v1/api-keys`, {
        headers: { authorization: `Bearer ${operatorKey}` },
      });
      assert.equal(res.status, 200);
      const keys = ((await res.json()) as { data: Array<{ name: string; scopes: string[] }> }).data;
      assert.deepEqual(
        keys.map((key) => [key.name, key.scopes]),
        [['instance admin key (first start)', ['admin']]],
      );
    }
    const audit = await fetch(`${servers[0]!.url}/v1/organizations/instance/audit-log?limit=500`, {
      headers: { authorization: `Bearer ${operatorKey}` },
    });
    type Entry = { action: string; metadata: { origin?: string } };
    const entries = ((await audit.json()) as { data: Entry[] }).data;
    const created = entries.filter(
      (entry) => entry.action === 'api_key.created' && entry.metadata.origin === 'first_start',
    );
    assert.equal(created.length, 1);
  });
});
