import { type Selectable, sql } from 'kysely';
import type { SqlRunner } from '../../db/sql-runner.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import type { AuditEntry, ChainHead } from '../engine/audit-entry.ts';
import { GENESIS_HASH } from '../engine/audit-hash.ts';
import type { AuditLogTable } from './tables.ts';

/** SQL for the audit log. Every function but the last is tenant-scoped. */

/**
 * Locks the organization's chain head (creating it at genesis on first use) and
 * returns it. Held until the transaction ends, so appends to one chain queue here.
 * One statement once the head exists (every append but a chain's first): audited
 * writes such as sign-ins pay for each round trip.
 */
export async function lockChainHead(scope: TenantScope): Promise<ChainHead> {
  const lock = () =>
    scope.db
      .selectFrom('audit_chain_heads')
      .select(['seq', 'hash'])
      .where('org_id', '=', scope.orgId)
      .forUpdate()
      .executeTakeFirst();
  let head = await lock();
  if (!head) {
    // A concurrent first append may insert it too: theirs or ours wins, and the lock then waits for it.
    await scope.db
      .insertInto('audit_chain_heads')
      .values({ org_id: scope.orgId, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('org_id').doNothing())
      .execute();
    head = await lock();
  }
  if (!head) throw new Error(`no audit chain head for ${scope.orgId}`);
  return { seq: Number(head.seq), hash: head.hash };
}

export async function readChainHead(scope: TenantScope): Promise<ChainHead | null> {
  const head = await scope.db
    .selectFrom('audit_chain_heads')
    .select(['seq', 'hash'])
    .where('org_id', '=', scope.orgId)
    .executeTakeFirst();
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

/** The entry and the new head in one statement (a data-modifying CTE always runs in full). */
export async function insertEntry(scope: TenantScope, entry: AuditEntry): Promise<void> {
  await scope.db
    .with('entry', (db) =>
      db
        .insertInto('audit_log')
        .values({ ...entry, org_id: scope.orgId, metadata: JSON.stringify(entry.metadata) }),
    )
    .updateTable('audit_chain_heads')
    .set({ seq: entry.seq, hash: entry.hash })
    .where('org_id', '=', scope.orgId)
    .execute();
}

/**
 * The entry and the new head in one statement, only if the head is still exactly
 * `expected`: the UPDATE takes the head's row lock (waiting for a concurrent
 * appender, then re-checking), and the INSERT runs only for the row it moved.
 * False when the head was elsewhere; nothing is written then.
 */
export async function insertEntryIfHeadIs(
  scope: TenantScope,
  entry: AuditEntry,
  expected: ChainHead,
): Promise<boolean> {
  const result = await sql`
    WITH head AS (
      UPDATE audit_chain_heads SET seq = ${entry.seq}, hash = ${entry.hash}
      WHERE org_id = ${scope.orgId} AND seq = ${expected.seq} AND hash = ${expected.hash}
      RETURNING org_id
    )
    INSERT INTO audit_log (org_id, seq, id, actor_type, actor_id, action, target_type, target_id,
                           ip, user_agent, trace_id, occurred_at, metadata, prev_hash, hash)
    SELECT head.org_id, ${entry.seq}::bigint, ${entry.id}::text, ${entry.actor_type}::text,
           ${entry.actor_id}::text, ${entry.action}::text, ${entry.target_type}::text,
           ${entry.target_id}::text, ${entry.ip}::text, ${entry.user_agent}::text, ${entry.trace_id}::text,
           ${entry.occurred_at}::timestamptz, ${JSON.stringify(entry.metadata)}::jsonb,
           ${entry.prev_hash}::text, ${entry.hash}::text
      FROM head`.execute(scope.db);
  return result.numAffectedRows === 1n;
}

// Exactly the hashed fields: a column added later must not change what old entries hash to.
export const ENTRY_COLUMNS = [
  'org_id',
  'seq',
  'id',
  'actor_type',
  'actor_id',
  'action',
  'target_type',
  'target_id',
  'ip',
  'user_agent',
  'trace_id',
  'occurred_at',
  'metadata',
  'prev_hash',
  'hash',
] as const satisfies ReadonlyArray<keyof AuditLogTable>;

/** Entries after `afterSeq`, in chain order. */
export async function listEntries(
  scope: TenantScope,
  afterSeq: number,
  limit: number,
): Promise<AuditEntry[]> {
  const rows = await scope.db
    .selectFrom('audit_log')
    .select(ENTRY_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}

export function toEntry(row: Pick<Selectable<AuditLogTable>, (typeof ENTRY_COLUMNS)[number]>): AuditEntry {
  return { ...row, seq: Number(row.seq), occurred_at: row.occurred_at.toISOString() };
}

/**
 * Cross-tenant, for operator tools only: every organization with an audit chain
 * (a head row or any entry). Runs on an owner session, outside row-level security.
 */
export async function listAuditedOrgIdsAsOwner(owner: SqlRunner): Promise<string[]> {
  const rows = await owner.query<{ org_id: string }>(
    'SELECT org_id FROM audit_chain_heads UNION SELECT DISTINCT org_id FROM audit_log ORDER BY org_id',
  );
  return rows.map((row) => row.org_id);
}
