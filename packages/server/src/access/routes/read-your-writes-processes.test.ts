import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STRONG_PASSWORD, uniqueEmail } from '../../../test/support/identity-client.ts';
import { serverBackendEnv } from '../../../test/support/server-backend-env.ts';
import { type SpawnedServer, spawnServer } from '../../../test/support/spawn-server.ts';
import { testBackend } from '../../../test/support/test-database.ts';

const MODEL = `model
  schema 1.1
type user
type group
  relations
    define member: [user]
type document
  relations
    define viewer: [user, group#member]
`;

/**
 * Two real server processes on one PostgreSQL, over HTTP: once a tuple write or delete is acknowledged
 * by one process, the other's very next check sees it. No process answers from a stale cache.
 */
describe('/fga read-your-writes across server processes', {
  skip: testBackend !== 'postgres' && 'PGlite is one process: this runs on the PostgreSQL pass',
}, () => {
  let backend: Awaited<ReturnType<typeof serverBackendEnv>>;
  const servers: SpawnedServer[] = [];
  before(async () => {
    backend = await serverBackendEnv();
    // One after the other: the first applies the migrations.
    for (let i = 0; i < 2; i++) {
      servers.push(await spawnServer({ ...(await backend.next()), LOG_LEVEL: 'warn' }, 110_000));
    }
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await backend.cleanup();
  });

  async function call(server: SpawnedServer, path: string, token: string | undefined, body?: unknown) {
    const res = await fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    assert.ok(res.status < 300, `${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  it('a write on one process is allowed on the other at once, and a delete denied at once', async () => {
    const [a, b] = servers as [SpawnedServer, SpawnedServer];
    const email = uniqueEmail('fga');
    await call(a, '/v1/auth/sign-up', undefined, { email, password: STRONG_PASSWORD });
    const session = await call(a, '/v1/auth/sign-in', undefined, { email, password: STRONG_PASSWORD });
    const org = await call(a, '/v1/organizations', session.access_token, { name: 'Two Processes' });
    const created = await call(a, `/v1/organizations/${org.id}/api-keys`, session.access_token, {
      name: 'fga',
      scopes: ['fga:write'],
    });
    const key: string = created.secret;
    const store = await call(a, '/fga/stores', key, { name: 'ryw' });
    await call(a, `/fga/stores/${store.id}/authorization-models`, key, { dsl: MODEL });
    const tuples = [
      { user: 'user:anne', relation: 'member', object: 'group:eng' },
      { user: 'group:eng#member', relation: 'viewer', object: 'document:plan' },
    ];
    const check = async (server: SpawnedServer) =>
      (
        await call(server, `/fga/stores/${store.id}/check`, key, {
          tuple_key: { user: 'user:anne', relation: 'viewer', object: 'document:plan' },
        })
      ).allowed;

    for (let round = 0; round < 10; round++) {
      // Alternate which process writes, so each reads the other's writes.
      const [writer, reader] = round % 2 === 0 ? [a, b] : [b, a];
      await call(writer, `/fga/stores/${store.id}/write`, key, { writes: { tuple_keys: tuples } });
      for (let i = 0; i < 3; i++)
        assert.equal(await check(reader), true, `round ${round}: allowed after write`);
      await call(writer, `/fga/stores/${store.id}/write`, key, { deletes: { tuple_keys: [tuples[0]] } });
      assert.equal(await check(reader), false, `round ${round}: denied right after the delete`);
      assert.equal(await check(writer), false);
      await call(writer, `/fga/stores/${store.id}/write`, key, { deletes: { tuple_keys: [tuples[1]] } });
    }
  });
});
