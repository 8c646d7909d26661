import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../../../test/support/test-database.ts';
import type { SqlRunner } from '../../db/sql-runner.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import { newId } from '../../ids.ts';
import type { AuditEntry } from '../engine/audit-entry.ts';
import { sealEntry } from '../engine/audit-hash.ts';
import { appendAuditEntry } from './append-entry.ts';
import { listAuditEntries } from './read-entries.ts';
import { verifyOrgAuditChain } from './verify-chain.ts';

/**
 * An attacker with the owner's rights: the append-only triggers are switched off,
 * rows are changed in SQL, and the verifier must name the first broken seq.
 */
describe('audit chain tampering, detected', () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  async function chainOf(n: number): Promise<{ orgId: string; entries: AuditEntry[] }> {
    const orgId = newId('org');
    for (let i = 1; i <= n; i++) {
      await withTenant(database, orgId, (scope) =>
        appendAuditEntry(scope, {
          actor: { type: 'operator', id: 'opk_1' },
          action: 'member.role_changed',
          target: { type: 'member', id: `mem_${i}` },
          metadata: { role: i % 2 ? 'admin' : 'viewer' },
        }),
      );
    }
    const { entries } = await listAuditEntries(database, orgId, { afterSeq: 0, limit: 100 });
    assert.equal((await verifyOrgAuditChain(database, orgId)).ok, true);
    return { orgId, entries };
  }

  async function asAttacker(work: (owner: SqlRunner) => Promise<void>): Promise<void> {
    const owner = await database.ownerRunner();
    try {
      await owner.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await work(owner);
    } finally {
      await owner.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
      await owner.close();
    }
  }

  async function firstBreak(orgId: string) {
    const verdict = await verifyOrgAuditChain(database, orgId);
    assert.equal(verdict.ok, false);
    return verdict.first_break;
  }

  const insertRow = (owner: SqlRunner, e: AuditEntry) =>
    owner.query(
      `INSERT INTO audit_log (org_id, seq, id, actor_type, actor_id, action, target_type, target_id, ip,
         user_agent, trace_id, occurred_at, metadata, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text::jsonb, $14, $15)`,
      [
        e.org_id,
        e.seq,
        e.id,
        e.actor_type,
        e.actor_id,
        e.action,
        e.target_type,
        e.target_id,
        e.ip,
        e.user_agent,
        e.trace_id,
        e.occurred_at,
        JSON.stringify(e.metadata),
        e.prev_hash,
        e.hash,
      ],
    );

  it('an edited row: hash mismatch at that seq', async () => {
    const { orgId, entries } = await chainOf(10);
    await asAttacker((owner) =>
      owner
        .query(`UPDATE audit_log SET metadata = '{"role":"owner"}' WHERE org_id = $1 AND seq = 4`, [orgId])
        .then(() => {}),
    );
    assert.deepEqual(await firstBreak(orgId), {
      seq: 4,
      entry_id: entries[3]!.id,
      reason: 'hash_mismatch',
      detail: 'the entry does not match its hash',
    });
  });

  it('an edited row with its hash recomputed: the next link breaks', async () => {
    const { orgId, entries } = await chainOf(10);
    const forged = sealEntry({ ...entries[3]!, action: 'member.removed' });
    await asAttacker(async (owner) => {
      await owner.query(`UPDATE audit_log SET action = $2, hash = $3 WHERE org_id = $1 AND seq = 4`, [
        orgId,
        forged.action,
        forged.hash,
      ]);
    });
    const brk = await firstBreak(orgId);
    assert.equal(brk?.seq, 5);
    assert.equal(brk?.entry_id, entries[4]!.id);
    assert.equal(brk?.reason, 'prev_hash_mismatch');
  });

  it('a deleted row: a gap at its seq', async () => {
    const { orgId, entries } = await chainOf(10);
    await asAttacker(async (owner) => {
      await owner.query('DELETE FROM audit_log WHERE org_id = $1 AND seq = 6', [orgId]);
    });
    const brk = await firstBreak(orgId);
    assert.equal(brk?.seq, 6);
    assert.equal(brk?.reason, 'sequence_gap');
    assert.equal(brk?.entry_id, entries[6]!.id);
  });

  it('the deleted last row: a missing tail against the chain head', async () => {
    const { orgId } = await chainOf(10);
    await asAttacker(async (owner) => {
      await owner.query('DELETE FROM audit_log WHERE org_id = $1 AND seq = 10', [orgId]);
    });
    const brk = await firstBreak(orgId);
    assert.equal(brk?.seq, 10);
    assert.equal(brk?.reason, 'missing_tail');
  });

  it('a forged row appended: caught by its hash, or by the chain head when the hash is right', async () => {
    const { orgId, entries } = await chainOf(10);
    const last = entries[9]!;
    const naive = { ...last, seq: 11, id: newId('aud'), prev_hash: last.hash, hash: 'f'.repeat(64) };
    await asAttacker((owner) => insertRow(owner, naive).then(() => {}));
    assert.deepEqual(
      { ...(await firstBreak(orgId)), detail: undefined },
      { seq: 11, entry_id: naive.id, reason: 'hash_mismatch', detail: undefined },
    );

    const other = await chainOf(10);
    const top = other.entries[9]!;
    const forged = sealEntry({
      ...top,
      seq: 11,
      id: newId('aud'),
      action: 'org.deleted',
      prev_hash: top.hash,
    });
    await asAttacker((owner) => insertRow(owner, forged).then(() => {}));
    const brk = await firstBreak(other.orgId);
    assert.equal(brk?.seq, 11);
    assert.equal(brk?.entry_id, forged.id);
    assert.equal(brk?.reason, 'untracked_entry');
  });

  it('a forged row inserted mid-chain (later rows renumbered, head moved): the link after it breaks', async () => {
    const { orgId, entries } = await chainOf(10);
    const forged = sealEntry({ ...entries[5]!, id: newId('aud'), action: 'member.removed' });
    await asAttacker(async (owner) => {
      // Renumber 6..10 to 7..11 from the top down so (org_id, seq) stays unique.
      for (let seq = 10; seq >= 6; seq--) {
        await owner.query('UPDATE audit_log SET seq = seq + 1 WHERE org_id = $1 AND seq = $2', [orgId, seq]);
      }
      await insertRow(owner, forged);
      await owner.query('UPDATE audit_chain_heads SET seq = 11 WHERE org_id = $1', [orgId]);
    });
    const brk = await firstBreak(orgId);
    assert.equal(brk?.seq, 7);
    assert.equal(brk?.entry_id, entries[5]!.id);
    assert.equal(brk?.reason, 'prev_hash_mismatch');
  });

  it('two rows reordered (seqs swapped): the first of them breaks', async () => {
    const { orgId, entries } = await chainOf(10);
    await asAttacker(async (owner) => {
      await owner.query('UPDATE audit_log SET seq = 1000 WHERE org_id = $1 AND seq = 3', [orgId]);
      await owner.query('UPDATE audit_log SET seq = 3 WHERE org_id = $1 AND seq = 4', [orgId]);
      await owner.query('UPDATE audit_log SET seq = 4 WHERE org_id = $1 AND seq = 1000', [orgId]);
    });
    const brk = await firstBreak(orgId);
    assert.equal(brk?.seq, 3);
    assert.equal(brk?.entry_id, entries[3]!.id);
    assert.equal(brk?.reason, 'prev_hash_mismatch');
  });

  it('a chain head rewound to hide the tail: untracked entries after it', async () => {
    const { orgId, entries } = await chainOf(5);
    await asAttacker(async (owner) => {
      await owner.query('UPDATE audit_chain_heads SET seq = 3, hash = $2 WHERE org_id = $1', [
        orgId,
        entries[2]!.hash,
      ]);
    });
    const brk = await firstBreak(orgId);
    assert.equal(brk?.seq, 4);
    assert.equal(brk?.entry_id, entries[3]!.id);
    assert.equal(brk?.reason, 'untracked_entry');
  });
});
