import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STRONG_PASSWORD, uniqueEmail } from '../../../test/support/identity-client.ts';
import { serverBackendEnv } from '../../../test/support/server-backend-env.ts';
import { type SpawnedServer, spawnServer } from '../../../test/support/spawn-server.ts';
import { testBackend } from '../../../test/support/test-database.ts';

/** Two real server processes on one PostgreSQL: sessions are shared state, never a process's cache. */
describe('sessions across server processes', {
  skip: testBackend !== 'postgres' && 'PGlite is one process: this runs on the PostgreSQL pass',
}, () => {
  let backend: Awaited<ReturnType<typeof serverBackendEnv>>;
  const servers: SpawnedServer[] = [];
  before(async () => {
    backend = await serverBackendEnv();
    // One after the other: the first applies the migrations.
    for (let i = 0; i < 2; i++)
      servers.push(await spawnServer({ ...(await backend.next()), LOG_LEVEL: 'warn' }, 110_000));
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await backend.cleanup();
  });

  async function call(server: SpawnedServer, method: string, path: string, body?: unknown, token?: string) {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }

  it('a session ended on one process refuses its refresh token on the other at once', async () => {
    const [a, b] = servers as [SpawnedServer, SpawnedServer];
    const email = uniqueEmail('procs');
    assert.equal(
      (await call(a, 'POST', '/v1/auth/sign-up', { email, password: STRONG_PASSWORD })).status,
      202,
    );
    const signedIn = await call(a, 'POST', '/v1/auth/sign-in', { email, password: STRONG_PASSWORD });
    assert.equal(signedIn.status, 200);
    // The access token from A is good at B (shared signing keys).
    assert.equal((await call(b, 'GET', '/v1/me', undefined, signedIn.json.access_token)).status, 200);
    // B rotates the token; A sees the rotation: the old one is reuse there.
    const rotated = await call(b, 'POST', '/v1/auth/refresh', { refresh_token: signedIn.json.refresh_token });
    assert.equal(rotated.status, 200);
    const other = await call(a, 'POST', '/v1/auth/sign-in', { email, password: STRONG_PASSWORD });
    assert.equal(
      (await call(a, 'POST', '/v1/auth/sign-out', undefined, other.json.access_token)).status,
      204,
    );
    const afterSignOut = await call(b, 'POST', '/v1/auth/refresh', {
      refresh_token: other.json.refresh_token,
    });
    assert.equal(afterSignOut.status, 401);
    assert.equal(afterSignOut.json.code, 'invalid_refresh_token');
    const reused = await call(a, 'POST', '/v1/auth/refresh', { refresh_token: signedIn.json.refresh_token });
    assert.equal(reused.json.code, 'refresh_token_reused');
    const dead = await call(b, 'POST', '/v1/auth/refresh', { refresh_token: rotated.json.refresh_token });
    assert.equal(dead.json.code, 'invalid_refresh_token');
  });
});
