import type { TenantScope } from '../../db/tenant-scope.ts';
import { newId } from '../../ids.ts';
import {
  ACTOR_TYPES,
  type ActorType,
  type AuditEntry,
  type ChainHead,
  type JsonObject,
} from '../engine/audit-entry.ts';
import { sealEntry } from '../engine/audit-hash.ts';
import { insertEntry, insertEntryIfHeadIs, lockChainHead } from '../store/audit-store.ts';
import { chainHeads } from './remembered-chain-heads.ts';

/** What a caller records; the chain fields (seq, id, hashes, time) are filled in here. */
export type AuditEntryInput = {
  actor: { type: ActorType; id: string | null };
  /** `<noun>.<verb>` in lower snake case, e.g. `member.invited`. */
  action: string;
  target?: { type: string; id: string } | null;
  ip?: string | null;
  userAgent?: string | null;
  traceId?: string | null;
  metadata?: JsonObject;
  /** Defaults to now. */
  occurredAt?: Date;
};

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const MAX_METADATA_BYTES = 16_384;

/**
 * Appends an entry to the scope's organization chain, inside the caller's
 * transaction: the entry commits or rolls back with the change it records.
 *
 * The head this process last wrote is remembered, and the entry is first tried
 * against it in one statement that moves the head only if it is still exactly
 * that (seq and hash) and inserts only if the head moved. Otherwise (another
 * process appended, a transaction rolled back, the chain was purged) the head is
 * locked and read, and the entry sealed against it. Either way the head row's
 * lock serializes appends to one chain, and an entry always links to the head
 * it replaced.
 */
export async function appendAuditEntry(scope: TenantScope, input: AuditEntryInput): Promise<AuditEntry> {
  if (!ACTOR_TYPES.includes(input.actor.type))
    throw new Error(`unknown audit actor type ${input.actor.type}`);
  if (!ACTION.test(input.action)) throw new Error(`audit action ${input.action} is not <noun>.<verb>`);
  const fields = {
    org_id: scope.orgId,
    id: newId('aud'),
    actor_type: input.actor.type,
    actor_id: input.actor.id,
    action: input.action,
    target_type: input.target?.type ?? null,
    target_id: input.target?.id ?? null,
    ip: input.ip ?? null,
    user_agent: input.userAgent ?? null,
    trace_id: input.traceId ?? null,
    // Whole milliseconds in UTC: what timestamptz(3) stores and gives back, on PGlite and PostgreSQL alike.
    occurred_at: (input.occurredAt ?? new Date()).toISOString(),
    metadata: jsonRoundTrip(input.metadata ?? {}),
  };
  const after = (head: ChainHead): AuditEntry =>
    sealEntry({ ...fields, seq: head.seq + 1, prev_hash: head.hash });

  const remembered = chainHeads.remembered(scope);
  if (remembered) {
    const entry = after(remembered);
    if (await insertEntryIfHeadIs(scope, entry, remembered)) {
      chainHeads.remember(scope, entry);
      return entry;
    }
  }
  const entry = after(await lockChainHead(scope));
  await insertEntry(scope, entry);
  chainHeads.remember(scope, entry);
  return entry;
}

/** Metadata exactly as jsonb will give it back (Dates as strings, no undefined), so it hashes the same. */
function jsonRoundTrip(metadata: JsonObject): JsonObject {
  const text = JSON.stringify(metadata);
  if (Buffer.byteLength(text) > MAX_METADATA_BYTES) throw new Error('audit metadata is larger than 16 KiB');
  // jsonb refuses NUL in strings; fail here with a clear message instead of in SQL.
  if (text.includes('\\u0000')) throw new Error('audit metadata may not contain NUL characters');
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('audit metadata must be a JSON object');
  }
  return parsed as JsonObject;
}
