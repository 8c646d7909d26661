import type { Database } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import type { AuditEntry } from '../engine/audit-entry.ts';
import { listEntries } from '../store/audit-store.ts';

export const EXPORT_PAGE_SIZE = 500;

/** One page of an organization's entries after `afterSeq`; `nextAfterSeq` is null on the last page. */
export async function listAuditEntries(
  database: Pick<Database, 'kysely'>,
  orgId: string,
  options: { afterSeq: number; limit: number },
): Promise<{ entries: AuditEntry[]; nextAfterSeq: number | null }> {
  // One more than asked tells whether another page exists.
  const rows = await withTenant(database, orgId, (scope) =>
    listEntries(scope, options.afterSeq, options.limit + 1),
  );
  const entries = rows.slice(0, options.limit);
  const last = entries.at(-1);
  return { entries, nextAfterSeq: rows.length > options.limit && last ? last.seq : null };
}

/**
 * Every entry of an organization in chain order, read a page per short
 * transaction, so a long chain neither sits in memory nor holds a connection.
 */
export async function* iterateAuditEntries(
  database: Pick<Database, 'kysely'>,
  orgId: string,
  options: { afterSeq?: number; pageSize?: number } = {},
): AsyncGenerator<AuditEntry> {
  let after = options.afterSeq ?? 0;
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  for (;;) {
    const page = await withTenant(database, orgId, (scope) => listEntries(scope, after, pageSize));
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.seq;
  }
}
