import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { serverBackendEnv } from '../../../../test/support/server-backend-env.ts';
import { type SpawnedServer, spawnServer } from '../../../../test/support/spawn-server.ts';
import { testBackend } from '../../../../test/support/test-database.ts';
import { formatApiKey } from '../engine/key-format.ts';

/** Two real server processes on one PostgreSQL: a revoked key is refused by the other process at once. */
describe('API key revocation across server processes', {
  skip: testBackend !== 'postgres' && 'PGlite is one process: this runs on the PostgreSQL pass',
}, () => {
  let backend: Awaited<ReturnType<typeof serverBackendEnv>>;
  const servers: SpawnedServer[] = [];
  // Both processes accept the same preshared instance admin key.
  const adminKey = formatApiKey('secret', 'live', randomBytes(32));
  before(async () => {
    backend = await serverBackendEnv();
    // One after the other: the first applies the migrations.
    for (let i = 0; i < 2; i++)
      servers.push(
        await spawnServer(
          { ...(await backend.next()), LOG_LEVEL: 'warn', KEYSTONE_ADMIN_KEY: adminKey },
          110_000,
        ),
      );
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await backend.cleanup();
  });

  async function call(server: SpawnedServer, method: string, path: string, key: string, body?: unknown) {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }

  it('a key revoked on one process is refused by the other on its very next request', async () => {
    const [a, b] = servers as [SpawnedServer, SpawnedServer];
    assert.equal((await call(a, 'GET', '/v1/api-keys', adminKey)).status, 200);
    assert.equal((await call(b, 'GET', '/v1/api-keys', adminKey)).status, 200);
    const created = await call(a, 'POST', '/v1/api-keys', adminKey, { name: 'ci', scopes: ['admin'] });
    assert.equal(created.status, 201);
    const secret: string = created.json.secret;
    // B verifies it (and would have cached it, were there a cache), several times.
    for (let i = 0; i < 3; i++) assert.equal((await call(b, 'GET', '/v1/api-keys', secret)).status, 200);
    const revoked = await call(a, 'DELETE', `/v1/api-keys/${created.json.id}`, adminKey);
    assert.equal(revoked.status, 204);
    const refused = await call(b, 'GET', '/v1/api-keys', secret);
    assert.equal(refused.status, 401);
    assert.equal(refused.json.code, 'unauthenticated');
    assert.equal((await call(a, 'GET', '/v1/api-keys', secret)).status, 401);
    // The preshared admin key, recorded once by two processes, still works on both.
    assert.equal((await call(b, 'GET', '/v1/api-keys', adminKey)).status, 200);
    const listed = await call(a, 'GET', '/v1/api-keys', adminKey);
    assert.equal(
      listed.json.data.filter((key: { name: string }) => key.name === 'from KEYSTONE_ADMIN_KEY').length,
      1,
    );
  });
});
