import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../../test/support/test-database.ts';
import { type TenantScope, withTenant } from '../../db/tenant-scope.ts';
import { newId } from '../../ids.ts';
import { GENESIS_HASH } from '../engine/audit-hash.ts';
import { appendAuditEntry } from './append-entry.ts';
import { iterateAuditEntries, listAuditEntries } from './read-entries.ts';
import { verifyAllAuditChains, verifyOrgAuditChain } from './verify-chain.ts';

async function appendMany(database: TestDatabase, orgId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await withTenant(database, orgId, (scope) =>
      appendAuditEntry(scope, {
        actor: { type: 'system', id: null },
        action: 'probe.recorded',
        target: { type: 'probe', id: `p${i}` },
        metadata: { i, at: new Date(), nested: { z: 1, a: [0.1, 1e21, 'é'] } },
      }),
    );
  }
}

describe('audit chain on the database', () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  it('appends 50 parallel writers to one organization as one valid chain', async () => {
    const orgId = newId('org');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        withTenant(database, orgId, (scope) =>
          appendAuditEntry(scope, {
            actor: { type: 'user', id: `usr_${i}` },
            action: 'member.invited',
            metadata: { writer: i },
          }),
        ),
      ),
    );
    const entries = [];
    for await (const entry of iterateAuditEntries(database, orgId, { pageSize: 7 })) entries.push(entry);
    assert.deepEqual(
      entries.map((e) => e.seq),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    assert.equal(new Set(entries.map((e) => e.metadata.writer)).size, 50);
    assert.equal(entries[0]!.prev_hash, GENESIS_HASH);
    const verdict = await verifyOrgAuditChain(database, orgId);
    assert.equal(verdict.ok, true, JSON.stringify(verdict.first_break));
    assert.equal(verdict.entries_verified, 50);
    assert.deepEqual(verdict.head, { seq: 50, hash: entries[49]!.hash });
  });

  it('verifies a chain while appends continue, without false alarms', async () => {
    const orgId = newId('org');
    await appendMany(database, orgId, 3);
    const writers = Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        withTenant(database, orgId, (scope) =>
          appendAuditEntry(scope, {
            actor: { type: 'system', id: null },
            action: 'probe.raced',
            metadata: { i },
          }),
        ),
      ),
    );
    const verdicts = await Promise.all(Array.from({ length: 5 }, () => verifyOrgAuditChain(database, orgId)));
    await writers;
    for (const verdict of verdicts) assert.equal(verdict.ok, true, JSON.stringify(verdict.first_break));
    const final = await verifyOrgAuditChain(database, orgId);
    assert.equal(final.entries_verified, 33);
  });

  it('commits or rolls back with the change it records', async () => {
    const orgId = newId('org');
    await appendMany(database, orgId, 2);
    await assert.rejects(
      withTenant(database, orgId, async (scope) => {
        await appendAuditEntry(scope, { actor: { type: 'system', id: null }, action: 'probe.failed' });
        throw new Error('the recorded change failed');
      }),
      /the recorded change failed/,
    );
    await appendMany(database, orgId, 1);
    const page = await listAuditEntries(database, orgId, { afterSeq: 0, limit: 10 });
    assert.deepEqual(
      page.entries.map((e) => [e.seq, e.action]),
      [
        [1, 'probe.recorded'],
        [2, 'probe.recorded'],
        [3, 'probe.recorded'],
      ],
    );
    assert.equal((await verifyOrgAuditChain(database, orgId)).ok, true);
  });

  it('keeps organizations apart: separate chains, each seeing only its own entries', async () => {
    const orgA = newId('org');
    const orgB = newId('org');
    await appendMany(database, orgA, 3);
    await appendMany(database, orgB, 2);
    const a = await listAuditEntries(database, orgA, { afterSeq: 0, limit: 100 });
    assert.deepEqual(
      a.entries.map((e) => [e.org_id, e.seq]),
      [
        [orgA, 1],
        [orgA, 2],
        [orgA, 3],
      ],
    );
    // Row-level security: a query that forgets its org filter still sees only the tenant's rows.
    const unfiltered = await withTenant(database, orgB, (scope) =>
      scope.db.selectFrom('audit_log').select('org_id').execute(),
    );
    assert.ok(unfiltered.length >= 2);
    assert.ok(unfiltered.every((row) => row.org_id === orgB));
    const all = await verifyAllAuditChains(database);
    for (const orgId of [orgA, orgB]) assert.equal(all.find((v) => v.org_id === orgId)?.ok, true);
  });

  it('paginates by seq', async () => {
    const orgId = newId('org');
    await appendMany(database, orgId, 5);
    const first = await listAuditEntries(database, orgId, { afterSeq: 0, limit: 2 });
    assert.deepEqual(
      first.entries.map((e) => e.seq),
      [1, 2],
    );
    assert.equal(first.nextAfterSeq, 2);
    const last = await listAuditEntries(database, orgId, { afterSeq: 4, limit: 2 });
    assert.deepEqual(
      last.entries.map((e) => e.seq),
      [5],
    );
    assert.equal(last.nextAfterSeq, null);
  });

  it('refuses UPDATE, DELETE and TRUNCATE for the application role', async () => {
    const orgId = newId('org');
    await appendMany(database, orgId, 1);
    const attempts: Array<(scope: TenantScope) => Promise<unknown>> = [
      (scope) =>
        scope.db.updateTable('audit_log').set({ action: 'x.y' }).where('org_id', '=', orgId).execute(),
      (scope) => scope.db.deleteFrom('audit_log').where('org_id', '=', orgId).execute(),
      (scope) => sql`TRUNCATE audit_log`.execute(scope.db),
      (scope) => scope.db.deleteFrom('audit_chain_heads').where('org_id', '=', orgId).execute(),
      (scope) => sql`TRUNCATE audit_chain_heads`.execute(scope.db),
    ];
    for (const attempt of attempts) {
      await assert.rejects(
        withTenant(database, orgId, attempt),
        /permission denied for table audit_(log|chain_heads)/,
      );
    }
    assert.equal((await verifyOrgAuditChain(database, orgId)).entries_verified, 1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE even for the owner role', async () => {
    const orgId = newId('org');
    await appendMany(database, orgId, 2);
    for (const statement of [
      `UPDATE audit_log SET action = 'member.removed' WHERE org_id = '${orgId}'`,
      `DELETE FROM audit_log WHERE org_id = '${orgId}'`,
      'TRUNCATE audit_log',
      // Refused even when nothing matches: the trigger is per statement.
      `DELETE FROM audit_log WHERE org_id = 'org_nobody'`,
    ]) {
      const owner = await database.ownerRunner();
      try {
        await assert.rejects(owner.query(statement), /audit_log is append-only/, statement);
      } finally {
        await owner.close();
      }
    }
    const verdict = await verifyOrgAuditChain(database, orgId);
    assert.equal(verdict.ok, true);
    assert.equal(verdict.entries_verified, 2);
  });
});
