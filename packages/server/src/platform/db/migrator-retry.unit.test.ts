import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Migration, MigrationError, migrate } from './migrator.ts';
import type { SqlRunner } from './sql-runner.ts';

/** A runner that records statements and fails the migration's SQL as told. */
function scriptedRunner(failures: string[]): SqlRunner & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    async query<R>(sql: string) {
      log.push(sql.split(/\s+/).slice(0, 3).join(' '));
      return [] as R[];
    },
    async exec(sql: string) {
      log.push(sql.trim().split(/\s+/)[0] ?? '');
      if (sql.startsWith('ALTER ROLE') && failures.length > 0) throw new Error(failures.shift());
    },
    async close() {},
  };
}

const migration: Migration = {
  version: 1,
  name: 'role',
  sql: 'ALTER ROLE keystone_app LOGIN',
  checksum: 'x',
};

describe('migrator: a concurrent catalog update', () => {
  it('runs the migration again when another database altered the shared role at the same moment', async () => {
    const runner = scriptedRunner(['tuple concurrently updated', 'tuple concurrently updated']);
    const result = await migrate(runner, [migration]);
    assert.deepEqual(result.applied, [1]);
    assert.equal(runner.log.filter((s) => s === 'ROLLBACK').length, 2);
    assert.equal(runner.log.filter((s) => s === 'COMMIT').length, 1);
  });

  it('does not retry any other failure', async () => {
    const runner = scriptedRunner(['syntax error at or near "ROLE"']);
    await assert.rejects(migrate(runner, [migration]), MigrationError);
    assert.equal(runner.log.filter((s) => s === 'ROLLBACK').length, 1);
  });
});
