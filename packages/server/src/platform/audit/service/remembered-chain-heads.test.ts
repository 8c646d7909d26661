import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KyselyPlugin, sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../../test/support/test-database.ts';
import { type TenantScope, withTenant } from '../../db/tenant-scope.ts';
import { newId } from '../../ids.ts';
import { appendAuditEntry } from './append-entry.ts';
import { listAuditEntries } from './read-entries.ts';
import { verifyOrgAuditChain } from './verify-chain.ts';

const probe = { actor: { type: 'system' as const, id: null }, action: 'probe.recorded' };

describe('appending against the remembered chain head', () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  it('a head still current takes one statement: no lock-and-read of the head', async () => {
    const orgId = newId('org');
    await withTenant(database, orgId, (scope) => appendAuditEntry(scope, probe));
    const statements = await withTenant(database, orgId, async (scope) => {
      const recorded: string[] = [];
      await appendAuditEntry(recording(scope, recorded), probe);
      return recorded;
    });
    // One raw statement (move the head if unchanged, insert); the lock path is a SELECT ... FOR UPDATE, then an UPDATE.
    assert.deepEqual(statements, ['RawNode']);
    assert.equal((await verifyOrgAuditChain(database, orgId)).entries_verified, 2);
  });

  it('a head moved by another process, or by a rolled-back transaction, costs a retry, never a fork', async () => {
    const orgId = newId('org');
    await withTenant(database, orgId, (scope) => appendAuditEntry(scope, probe));
    // Another process appends: same database, but a memo of its own.
    await database.kysely.transaction().execute(async (trx) => {
      await sql`SELECT set_config('keystone.org_id', ${orgId}, true)`.execute(trx);
      await appendAuditEntry({ orgId, db: trx, databaseKey: {} }, probe);
    });
    await withTenant(database, orgId, (scope) => appendAuditEntry(scope, probe));
    // This process appends, then its transaction rolls back: the remembered head is now ahead.
    await assert.rejects(
      withTenant(database, orgId, async (scope) => {
        await appendAuditEntry(scope, probe);
        throw new Error('undo');
      }),
      /undo/,
    );
    await withTenant(database, orgId, (scope) => appendAuditEntry(scope, probe));
    const verdict = await verifyOrgAuditChain(database, orgId);
    assert.equal(verdict.ok, true, JSON.stringify(verdict.first_break));
    const page = await listAuditEntries(database, orgId, { afterSeq: 0, limit: 10 });
    assert.deepEqual(
      page.entries.map((entry) => entry.seq),
      [1, 2, 3, 4],
    );
  });
});

/** The scope with the kind of every statement it runs recorded (same transaction, same memo). */
function recording(scope: TenantScope, recorded: string[]): TenantScope {
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      recorded.push(args.node.kind);
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { ...scope, db: scope.db.withPlugin(plugin) };
}
