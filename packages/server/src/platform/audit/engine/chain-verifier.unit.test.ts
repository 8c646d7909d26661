import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEntry } from './audit-entry.ts';
import { canonicalEncoding, entryHash, GENESIS_HASH, sealEntry } from './audit-hash.ts';
import { verifyChain } from './chain-verifier.ts';

const ORG = 'org_01JD0000000000000000000000';

function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry = sealEntry({
      org_id: ORG,
      seq,
      id: `aud_${String(seq).padStart(26, '0')}`,
      actor_type: 'user',
      actor_id: 'usr_1',
      action: 'member.invited',
      target_type: 'member',
      target_id: `mem_${seq}`,
      ip: '203.0.113.7',
      user_agent: 'test',
      trace_id: 'a'.repeat(32),
      occurred_at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      metadata: { role: 'admin', n: seq, nested: { b: 1, a: [1, 'x', null] } },
      prev_hash: prev,
    });
    entries.push(entry);
    prev = entry.hash;
  }
  return entries;
}

const headOf = (entries: AuditEntry[]) => {
  const last = entries.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
};

describe('audit hash', () => {
  it('is SHA-256 over RFC 8785 canonical JSON of every field but the hash', () => {
    const [entry] = chain(1) as [AuditEntry];
    const encoding = canonicalEncoding(entry);
    assert.ok(!encoding.includes('"hash"'));
    assert.ok(encoding.includes(`"prev_hash":"${GENESIS_HASH}"`));
    // Sorted keys, no whitespace: key order in the object does not matter.
    assert.ok(encoding.startsWith('{"action":"member.invited","actor_id":"usr_1"'));
    const reordered = Object.fromEntries(Object.entries(entry).reverse()) as AuditEntry;
    assert.equal(entryHash(reordered), entry.hash);
    assert.match(entry.hash, /^[0-9a-f]{64}$/);
  });

  it('changes when any field changes', () => {
    const [entry] = chain(1) as [AuditEntry];
    for (const [field, value] of Object.entries({
      org_id: 'org_other',
      seq: 2,
      actor_id: null,
      occurred_at: '2026-01-01T00:00:01.001Z',
      metadata: { role: 'owner', n: 1, nested: { b: 1, a: [1, 'x', null] } },
      prev_hash: 'f'.repeat(64),
    })) {
      assert.notEqual(entryHash({ ...entry, [field]: value }), entry.hash, field);
    }
  });
});

describe('chain verifier', () => {
  it('accepts an intact chain and an empty one', () => {
    const entries = chain(10);
    const verdict = verifyChain(ORG, entries, headOf(entries));
    assert.equal(verdict.ok, true);
    assert.equal(verdict.entries_verified, 10);
    assert.equal(verdict.first_break, null);
    assert.equal(verifyChain(ORG, [], null).ok, true);
    assert.equal(verifyChain(ORG, [], { seq: 0, hash: GENESIS_HASH }).ok, true);
  });

  it('detects an edited entry at that entry', () => {
    const entries = chain(10);
    entries[3] = { ...entries[3]!, action: 'member.removed' };
    const verdict = verifyChain(ORG, entries, headOf(chain(10)));
    assert.equal(verdict.ok, false);
    assert.deepEqual(
      {
        seq: verdict.first_break?.seq,
        id: verdict.first_break?.entry_id,
        reason: verdict.first_break?.reason,
      },
      { seq: 4, id: entries[3]!.id, reason: 'hash_mismatch' },
    );
    assert.equal(verdict.entries_verified, 3);
  });

  it('detects an edited entry whose hash was recomputed, at the next link', () => {
    const entries = chain(10);
    entries[3] = sealEntry({ ...entries[3]!, metadata: { role: 'owner' } });
    const verdict = verifyChain(ORG, entries, headOf(entries));
    assert.equal(verdict.first_break?.seq, 5);
    assert.equal(verdict.first_break?.reason, 'prev_hash_mismatch');
  });

  it('detects a removed entry as a gap at the missing seq', () => {
    const entries = chain(10);
    entries.splice(4, 1);
    const verdict = verifyChain(ORG, entries, headOf(entries));
    assert.equal(verdict.first_break?.seq, 5);
    assert.equal(verdict.first_break?.reason, 'sequence_gap');
    // The entry found where seq 5 should be: the old seq 6.
    assert.equal(entries[4]!.seq, 6);
    assert.equal(verdict.first_break?.entry_id, entries[4]!.id);
  });

  it('detects a removed tail against the chain head', () => {
    const entries = chain(10);
    const head = headOf(entries);
    const verdict = verifyChain(ORG, entries.slice(0, 8), head);
    assert.equal(verdict.first_break?.seq, 9);
    assert.equal(verdict.first_break?.reason, 'missing_tail');
  });

  it('detects a forged entry appended past the chain head, even with a valid hash', () => {
    const entries = chain(10);
    const head = headOf(entries);
    const forged = sealEntry({ ...entries[9]!, seq: 11, id: 'aud_forged', prev_hash: entries[9]!.hash });
    const verdict = verifyChain(ORG, [...entries, forged], head);
    assert.equal(verdict.first_break?.seq, 11);
    assert.equal(verdict.first_break?.reason, 'untracked_entry');
    assert.equal(verdict.first_break?.entry_id, 'aud_forged');
  });

  it('detects a forged entry inserted mid-chain', () => {
    const entries = chain(10);
    const forged = sealEntry({ ...entries[4]!, id: 'aud_forged', action: 'member.removed' });
    const tampered = [...entries.slice(0, 4), forged, ...entries.slice(5)];
    const verdict = verifyChain(ORG, tampered, headOf(entries));
    assert.equal(verdict.first_break?.seq, 6);
    assert.equal(verdict.first_break?.reason, 'prev_hash_mismatch');
  });

  it('detects two entries swapped', () => {
    const entries = chain(10);
    const swapped = [...entries];
    [swapped[2], swapped[3]] = [
      { ...entries[3]!, seq: 3 },
      { ...entries[2]!, seq: 4 },
    ];
    const verdict = verifyChain(ORG, swapped, headOf(entries));
    assert.equal(verdict.first_break?.seq, 3);
    assert.equal(verdict.first_break?.reason, 'prev_hash_mismatch');
    // Out of order without renumbering: a sequence problem at seq 3.
    const reordered = [entries[0]!, entries[1]!, entries[3]!, entries[2]!, ...entries.slice(4)];
    assert.equal(verifyChain(ORG, reordered, headOf(entries)).first_break?.reason, 'sequence_gap');
  });

  it('detects a head that does not match, a missing head and a foreign entry', () => {
    const entries = chain(5);
    assert.equal(
      verifyChain(ORG, entries, { seq: 5, hash: 'f'.repeat(64) }).first_break?.reason,
      'head_mismatch',
    );
    assert.equal(verifyChain(ORG, entries, null).first_break?.reason, 'missing_head');
    const foreign = [...entries.slice(0, 2), { ...entries[2]!, org_id: 'org_other' }];
    const verdict = verifyChain(ORG, foreign, null);
    assert.equal(verdict.first_break?.reason, 'org_mismatch');
    assert.equal(verdict.first_break?.seq, 3);
  });

  it('detects a first entry that does not start from genesis', () => {
    const entries = chain(3);
    entries[0] = sealEntry({ ...entries[0]!, prev_hash: 'e'.repeat(64) });
    assert.equal(verifyChain(ORG, entries, headOf(entries)).first_break?.seq, 1);
  });
});
