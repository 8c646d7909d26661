import type { AuditEntry, ChainHead } from './audit-entry.ts';
import { entryHash, GENESIS_HASH } from './audit-hash.ts';

/**
 * Recomputes an organization's hash chain and names the first broken link. Pure:
 * entries are pushed in stored `seq` order (page by page for a long chain), then
 * `finish` compares the last entry with the chain head row.
 */
export type ChainBreakReason =
  /** An entry of another organization among this one's. */
  | 'org_mismatch'
  /** The seq is not the one after the previous entry's: an entry removed, added or moved. */
  | 'sequence_gap'
  /** prev_hash is not the previous entry's hash: an entry before it was altered, removed or swapped. */
  | 'prev_hash_mismatch'
  /** The stored hash is not the hash of the entry's fields: the entry itself was altered. */
  | 'hash_mismatch'
  /** The chain head records entries that are no longer there (the tail was removed). */
  | 'missing_tail'
  /** Entries after the recorded head: appended outside the append path. */
  | 'untracked_entry'
  /** The chain head's hash is not the last entry's hash. */
  | 'head_mismatch'
  /** Entries exist but no chain head does. */
  | 'missing_head';

export type ChainBreak = {
  /** The first seq whose link does not hold (for a gap: the missing seq). */
  seq: number;
  /** The entry found at that point of the chain, if any. */
  entry_id: string | null;
  reason: ChainBreakReason;
  detail: string;
};

export type ChainVerdict = {
  ok: boolean;
  /** Entries whose links held before the first break (all of them when ok). */
  entries_verified: number;
  /** The last intact entry. */
  last_seq: number;
  last_hash: string;
  first_break: ChainBreak | null;
};

export type ChainVerifier = {
  /** Checks the next entry; returns the break once the chain is broken (later entries are ignored). */
  push(entry: AuditEntry): ChainBreak | null;
  /** The verdict, given the chain head row as stored (null when there is none). */
  finish(head: ChainHead | null): ChainVerdict;
};

export type ChainVerifierOptions = {
  /**
   * Remember the ids of entries from this seq on, to name an entry found after
   * the chain head. Callers reading a live chain pass the head seq they saw
   * first: only entries appended meanwhile (or forged) are kept in memory.
   */
  rememberFromSeq?: number;
};

export function createChainVerifier(orgId: string, options: ChainVerifierOptions = {}): ChainVerifier {
  const rememberFrom = options.rememberFromSeq ?? 1;
  const remembered = new Map<number, string>();
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  let seen = 0;
  let broken: ChainBreak | null = null;

  const breakAt = (seq: number, entryId: string | null, reason: ChainBreakReason, detail: string) => {
    broken = { seq, entry_id: entryId, reason, detail };
    return broken;
  };

  return {
    push(entry) {
      if (broken) return broken;
      seen += 1;
      const expected = lastSeq + 1;
      if (entry.org_id !== orgId) {
        return breakAt(entry.seq, entry.id, 'org_mismatch', `entry belongs to ${entry.org_id}, not ${orgId}`);
      }
      if (entry.seq !== expected) {
        return breakAt(
          expected,
          entry.id,
          'sequence_gap',
          `expected seq ${expected}, found seq ${entry.seq} (entry ${entry.id})`,
        );
      }
      if (entry.prev_hash !== lastHash) {
        return breakAt(
          entry.seq,
          entry.id,
          'prev_hash_mismatch',
          `prev_hash does not match the hash of seq ${lastSeq === 0 ? 'genesis' : lastSeq}`,
        );
      }
      if (entryHash(entry) !== entry.hash) {
        return breakAt(entry.seq, entry.id, 'hash_mismatch', 'the entry does not match its hash');
      }
      lastSeq = entry.seq;
      lastHash = entry.hash;
      if (entry.seq >= rememberFrom) remembered.set(entry.seq, entry.id);
      return null;
    },

    finish(head) {
      if (!broken) checkHead(head);
      const verdict: ChainVerdict = {
        ok: broken === null,
        entries_verified: lastSeq,
        last_seq: lastSeq,
        last_hash: lastHash,
        first_break: broken,
      };
      return verdict;
    },
  };

  function checkHead(head: ChainHead | null): void {
    if (!head) {
      if (seen > 0) breakAt(1, null, 'missing_head', 'entries exist but the chain head row is missing');
      return;
    }
    if (head.seq > lastSeq) {
      breakAt(
        lastSeq + 1,
        null,
        'missing_tail',
        `the chain head is at seq ${head.seq} but the last entry is seq ${lastSeq}`,
      );
    } else if (head.seq < lastSeq) {
      // Appends move the head in the same transaction, so a committed entry past the head did not come from one.
      breakAt(
        head.seq + 1,
        remembered.get(head.seq + 1) ?? null,
        'untracked_entry',
        `entries up to seq ${lastSeq} exist but the chain head is at seq ${head.seq}`,
      );
    } else if (head.hash !== lastHash) {
      breakAt(lastSeq, null, 'head_mismatch', `the chain head's hash differs from seq ${lastSeq}'s hash`);
    }
  }
}

/** Verifies a whole chain held in memory. */
export function verifyChain(
  orgId: string,
  entries: Iterable<AuditEntry>,
  head: ChainHead | null,
): ChainVerdict {
  const verifier = createChainVerifier(orgId, { rememberFromSeq: head?.seq ?? 1 });
  for (const entry of entries) if (verifier.push(entry)) break;
  return verifier.finish(head);
}
