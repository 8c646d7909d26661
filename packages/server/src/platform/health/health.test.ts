import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { loadMigrations } from '../db/migrator.ts';

describe('health probes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('/healthz answers while the process is alive, with no credential', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('/readyz reports the database reachable and every migration applied', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 200);
    const expected = loadMigrations().length;
    assert.deepEqual(res.json().migrations, { applied: expected, expected });
    assert.equal(res.json().database, t.database.backend);
  });

  it('/readyz answers 503 not_ready once the database is gone, /healthz still 200', async () => {
    const other = await startTestApp();
    try {
      await other.database.kysely.destroy();
      const res = await other.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().code, 'not_ready');
      assert.equal((await other.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    } finally {
      await other.app.close();
      await other.database.close().catch(() => {});
    }
  });
});
