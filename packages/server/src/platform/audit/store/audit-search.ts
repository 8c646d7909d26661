import type { TenantScope } from '../../db/tenant-scope.ts';
import type { AuditEntry } from '../engine/audit-entry.ts';
import {
  type AuditFilter,
  type AuditOrder,
  actionFamilyPattern,
  isActionFamily,
} from '../engine/audit-query.ts';
import { ENTRY_COLUMNS, toEntry } from './audit-store.ts';

/**
 * Entries matching a filter, in either order, strictly past `fromSeq` (after it
 * in `asc`, before it in `desc`). Indexed by migration 0013: (org_id, actor_id,
 * seq), (org_id, action, seq) and (org_id, occurred_at).
 */
export async function searchEntries(
  scope: TenantScope,
  query: { filter: AuditFilter; order: AuditOrder; fromSeq: number | undefined; limit: number },
): Promise<AuditEntry[]> {
  const { filter, order, fromSeq } = query;
  let select = scope.db.selectFrom('audit_log').select(ENTRY_COLUMNS).where('org_id', '=', scope.orgId);
  if (fromSeq !== undefined) select = select.where('seq', order === 'asc' ? '>' : '<', fromSeq);
  if (filter.actorId !== undefined) select = select.where('actor_id', '=', filter.actorId);
  if (filter.actorType !== undefined) select = select.where('actor_type', '=', filter.actorType);
  if (filter.action !== undefined) {
    select = isActionFamily(filter.action)
      ? select.where('action', 'like', actionFamilyPattern(filter.action))
      : select.where('action', '=', filter.action);
  }
  if (filter.since !== undefined) select = select.where('occurred_at', '>=', filter.since);
  if (filter.until !== undefined) select = select.where('occurred_at', '<', filter.until);
  const rows = await select.orderBy('seq', order).limit(query.limit).execute();
  return rows.map(toEntry);
}
