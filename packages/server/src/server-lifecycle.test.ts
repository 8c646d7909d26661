import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serverBackendEnv } from '../test/support/server-backend-env.ts';
import { serverProcessEnv, spawnServer } from '../test/support/spawn-server.ts';

const mainEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');

/** One server environment on this pass's backend (reused across restarts), and its cleanup. */
async function backendEnv(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const backend = await serverBackendEnv();
  return { env: await backend.next(), cleanup: () => backend.cleanup() };
}

describe('server lifecycle', () => {
  let backend: Awaited<ReturnType<typeof backendEnv>>;
  before(async () => {
    backend = await backendEnv();
  });
  after(() => backend.cleanup());

  it('SIGTERM lets in-flight requests finish, then exits cleanly', async () => {
    const server = await spawnServer(backend.env);
    const inFlight = fetch(`${server.url}/probe/slow?ms=1500`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exit = server.stop('SIGTERM');
    const response = await inFlight;
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { waited: 1500 });
    assert.equal(await exit, 0);
    await assert.rejects(fetch(`${server.url}/healthz`));
  });

  it('a restart after SIGKILL loses nothing that was acknowledged', async () => {
    const first = await spawnServer(backend.env);
    const written: Array<{ id: string; body: string }> = [];
    for (let i = 0; i < 25; i++) {
      const body = `note ${i} ${'x'.repeat(i * 10)}`;
      const response = await fetch(`${first.url}/probe/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body }),
      });
      assert.equal(response.status, 201);
      written.push({ id: ((await response.json()) as { id: string }).id, body });
    }
    assert.equal(await first.stop('SIGKILL'), null);

    const second = await spawnServer(backend.env);
    try {
      for (const note of written) {
        const response = await fetch(`${second.url}/probe/notes/${note.id}`);
        assert.equal(response.status, 200, `note ${note.id} survived`);
        assert.deepEqual(await response.json(), note);
      }
    } finally {
      await second.stop('SIGTERM');
    }
  });
});

describe('npm start (main.ts)', () => {
  function runMain(env: Record<string, string>) {
    return spawn(process.execPath, [mainEntry], {
      env: serverProcessEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  it('a wrong configuration value stops it with one line naming the variable', async () => {
    const child = runMain({ PORT: 'eighty' });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.on('data', (c) => (stdout += c));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.equal(stdout, '');
    const lines = stderr.trim().split('\n');
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0] as string, /^keystone: invalid configuration: PORT /);
    assert.doesNotMatch(stderr, /\bat .*\.ts:\d+/);
  });

  it('prints the address, the API docs and the demo credential, then stops on SIGTERM', async () => {
    const backend = await backendEnv();
    const child = runMain(backend.env);
    try {
      let stdout = '';
      child.stdout.on('data', (c) => (stdout += c));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${stdout}`)), 60_000);
        child.stdout.on('data', () => {
          if (stdout.includes('operator key')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const base = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      assert.ok(base, stdout);
      assert.match(stdout, new RegExp(`${base}/docs`));
      const key = /operator key \(demo credential\): (\S+)/.exec(stdout)?.[1];
      assert.ok(key);
      const demoOrg = /demo organization: (org_\w+)/.exec(stdout)?.[1];
      assert.ok(demoOrg, stdout);
      const log = await fetch(`${base}/v1/organizations/${demoOrg}/audit-log?order=asc`, {
        headers: { 'x-keystone-key': key },
      });
      assert.equal(log.status, 200);
      const body = (await log.json()) as { data: Array<{ action: string }> };
      // The platform's seed, then the demo organization made real with the demo user as owner, its
      // store, and the store's document-sharing model.
      assert.deepEqual(
        body.data.map((e) => e.action),
        ['demo.seeded', 'organization.created', 'access_store.created', 'authorization_model.written'],
      );
      assert.match(stdout, /demo access store: [0-9A-Z]{26}/);
      // The demo user the banner names signs in with the printed password.
      const demoUser = /demo user: (\S+)\s+password: (\S+)/.exec(stdout);
      assert.ok(demoUser, stdout);
      const signIn = await fetch(`${base}/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: demoUser[1], password: demoUser[2] }),
      });
      assert.equal(signIn.status, 200, await signIn.clone().text());
      assert.equal(
        ((await signIn.json()) as { user: { email_verified: boolean } }).user.email_verified,
        true,
      );
      // The instance admin key made on this first start is printed once and works.
      const adminKey = /instance admin key \(shown once, store it now\): (sk_live_\w+)/.exec(stdout)?.[1];
      assert.ok(adminKey, stdout);
      const keys = await fetch(`${base}/v1/api-keys`, { headers: { authorization: `Bearer ${adminKey}` } });
      assert.equal(keys.status, 200, await keys.clone().text());
      const ready = await fetch(`${base}/readyz`);
      assert.equal(ready.status, 200);
      const docs = await fetch(`${base}/docs/`);
      assert.equal(docs.status, 200);
      assert.match(await docs.text(), /swagger/i);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await backend.cleanup();
    }
  });
});
