import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { createPostgresDatabase, testBackend } from '../../../test/support/test-database.ts';
import { loadMigrations, MigrationError, migrate } from './migrator.ts';
import { pgliteRunner, postgresRunner, type SqlRunner } from './sql-runner.ts';

/** A fresh, empty database on this pass's backend, with a way to open more sessions to it. */
async function emptyDatabase(): Promise<{ session(): Promise<SqlRunner>; drop(): Promise<void> }> {
  if (testBackend === 'postgres') {
    const db = await createPostgresDatabase();
    return { session: () => postgresRunner(db.url), drop: db.drop };
  }
  const pglite = await PGlite.create('memory://');
  return { session: async () => pgliteRunner(pglite), drop: () => pglite.close() };
}

describe('migrations', () => {
  it('bring an empty database to the current version and record checksums', async () => {
    const db = await emptyDatabase();
    const runner = await db.session();
    try {
      const all = loadMigrations();
      const result = await migrate(runner, all);
      assert.deepEqual(
        result.applied,
        all.map((m) => m.version),
      );
      const rows = await runner.query<{ version: number; checksum: string }>(
        'SELECT version, checksum FROM keystone_migrations ORDER BY version',
      );
      assert.deepEqual(
        rows,
        all.map((m) => ({ version: m.version, checksum: m.checksum })),
      );
      assert.deepEqual((await migrate(runner, all)).applied, [], 'a second run applies nothing');
    } finally {
      await runner.close();
      await db.drop();
    }
  });

  it('upgrade a database filled at the previous migration without losing its data', async () => {
    const db = await emptyDatabase();
    const runner = await db.session();
    try {
      const all = loadMigrations();
      await migrate(runner, all.slice(0, -1));
      await runner.exec(`INSERT INTO operator_keys (id, name, lookup, secret_hash)
        VALUES ('opk_1', 'kept', 'ks_operator_lookup', 'abc')`);
      const result = await migrate(runner, all);
      assert.deepEqual(result.applied, [all.at(-1)?.version]);
      const rows = await runner.query<{ name: string }>('SELECT name FROM operator_keys');
      assert.deepEqual(rows, [{ name: 'kept' }]);
    } finally {
      await runner.close();
      await db.drop();
    }
  });

  it('refuse to start when an applied migration was edited, or the database is newer than the code', async () => {
    const db = await emptyDatabase();
    const runner = await db.session();
    try {
      const all = loadMigrations();
      await migrate(runner, all);
      const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
      await assert.rejects(migrate(runner, edited), (e: Error) => {
        assert.ok(e instanceof MigrationError);
        assert.match(e.message, /0001_platform_tenancy was edited after it was applied/);
        return true;
      });
      await assert.rejects(migrate(runner, all.slice(0, 1)), /which this build lacks/);
    } finally {
      await runner.close();
      await db.drop();
    }
  });

  it('roll a failing migration back whole and name it', async () => {
    const db = await emptyDatabase();
    const runner = await db.session();
    try {
      const all = loadMigrations();
      const broken = {
        version: 9999,
        name: 'test_broken',
        sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();',
        checksum: 'x',
      };
      await assert.rejects(migrate(runner, [...all, broken]), /9999_test_broken failed/);
      const tables = await runner.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
      assert.equal(tables.length, 0, 'nothing of the failed migration remains');
      const recorded = await runner.query('SELECT 1 FROM keystone_migrations WHERE version = 9999');
      assert.equal(recorded.length, 0);
    } finally {
      await runner.close();
      await db.drop();
    }
  });

  it('reject badly named or duplicate migration files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keystone-migrations-'));
    try {
      writeFileSync(path.join(dir, '0001_a.sql'), 'SELECT 1;');
      writeFileSync(path.join(dir, '1_b.sql'), 'SELECT 1;');
      assert.throws(() => loadMigrations(dir), /not named/);
      rmSync(path.join(dir, '1_b.sql'));
      writeFileSync(path.join(dir, '0001_b.sql'), 'SELECT 1;');
      assert.throws(() => loadMigrations(dir), /two migrations are numbered 0001/);
      rmSync(path.join(dir, '0001_b.sql'));
      writeFileSync(path.join(dir, '0003_c.sql'), 'SELECT 1;');
      assert.throws(() => loadMigrations(dir), /0002 is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('apply each migration once when several processes start together (advisory lock)', {
    skip: testBackend === 'pglite' ? 'PGlite is one process: there is no concurrent start to race' : false,
  }, async () => {
    const db = await emptyDatabase();
    const sessions = await Promise.all(Array.from({ length: 4 }, () => db.session()));
    try {
      const all = loadMigrations();
      const results = await Promise.all(sessions.map((s) => migrate(s, all)));
      const appliedTotal = results.flatMap((r) => r.applied).sort((a, b) => a - b);
      assert.deepEqual(
        appliedTotal,
        all.map((m) => m.version),
      );
      const rows = await sessions[0]!.query('SELECT version FROM keystone_migrations');
      assert.equal(rows.length, all.length);
    } finally {
      await Promise.all(sessions.map((s) => s.close()));
      await db.drop();
    }
  });
});
