import type { TenantScope } from '../../db/tenant-scope.ts';
import type { AuditEntry, ChainHead } from '../engine/audit-entry.ts';

/** Chains remembered per database before the memo starts over (a bound, not a cache policy). */
const MAX_REMEMBERED_CHAINS = 10_000;

const byDatabase = new WeakMap<object, Map<string, ChainHead>>();

/**
 * The head of each chain as this process last wrote it, per database. Only a
 * guess: appendAuditEntry checks it in the same statement that uses it, so a
 * stale or rolled-back head costs one extra statement, never a broken chain.
 */
export const chainHeads = {
  remembered(scope: TenantScope): ChainHead | undefined {
    return byDatabase.get(scope.databaseKey)?.get(scope.orgId);
  },
  remember(scope: TenantScope, entry: AuditEntry): void {
    let heads = byDatabase.get(scope.databaseKey);
    if (!heads) {
      heads = new Map();
      byDatabase.set(scope.databaseKey, heads);
    }
    if (heads.size >= MAX_REMEMBERED_CHAINS && !heads.has(scope.orgId)) heads.clear();
    heads.set(scope.orgId, { seq: entry.seq, hash: entry.hash });
  },
};
