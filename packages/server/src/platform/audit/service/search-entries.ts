import type { Database } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import { AppError } from '../../errors/app-error.ts';
import type { AuditEntry } from '../engine/audit-entry.ts';
import {
  type AuditFilter,
  type AuditOrder,
  decodeAuditCursor,
  encodeAuditCursor,
} from '../engine/audit-query.ts';
import { searchEntries } from '../store/audit-search.ts';
import { EXPORT_PAGE_SIZE } from './read-entries.ts';

export type AuditSearch = {
  filter: AuditFilter;
  order: AuditOrder;
  /** The previous page's `nextCursor`; it must come from a list in the same order. */
  cursor?: string | undefined;
  limit: number;
};

/** One page of an organization's entries matching a filter; `nextCursor` is null on the last page. */
export async function searchAuditEntries(
  database: Pick<Database, 'kysely'>,
  orgId: string,
  search: AuditSearch,
): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  checkFilter(search.filter);
  const cursor = search.cursor === undefined ? undefined : decodeAuditCursor(search.cursor);
  if (search.cursor !== undefined && cursor?.order !== search.order) {
    throw new AppError('validation_failed', {
      detail: 'cursor is not valid',
      fields: [
        { field: 'cursor', location: 'query', message: 'is not a cursor from this list (in this order)' },
      ],
    });
  }
  // One more than asked tells whether another page exists.
  const rows = await withTenant(database, orgId, (scope) =>
    searchEntries(scope, {
      filter: search.filter,
      order: search.order,
      fromSeq: cursor?.seq,
      limit: search.limit + 1,
    }),
  );
  const entries = rows.slice(0, search.limit);
  const last = entries.at(-1);
  const more = rows.length > search.limit && last !== undefined;
  return { entries, nextCursor: more ? encodeAuditCursor({ order: search.order, seq: last.seq }) : null };
}

/**
 * Every entry matching a filter in chain order (the order the chain verifies
 * in), after `afterSeq`, a page per short transaction: a long export neither
 * sits in memory nor holds a connection.
 */
export async function* exportAuditEntries(
  database: Pick<Database, 'kysely'>,
  orgId: string,
  options: { filter: AuditFilter; afterSeq?: number | undefined; pageSize?: number },
): AsyncGenerator<AuditEntry> {
  checkFilter(options.filter);
  let after = options.afterSeq ?? 0;
  const limit = options.pageSize ?? EXPORT_PAGE_SIZE;
  for (;;) {
    const page = await withTenant(database, orgId, (scope) =>
      searchEntries(scope, { filter: options.filter, order: 'asc', fromSeq: after, limit }),
    );
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < limit) return;
    after = last.seq;
  }
}

/** The one rule a schema of separate fields cannot say. */
function checkFilter(filter: AuditFilter): void {
  if (filter.since && filter.until && filter.since > filter.until) {
    throw new AppError('validation_failed', {
      detail: 'since is after until',
      fields: [{ field: 'since', location: 'query', message: 'must not be after until' }],
    });
  }
}
