import type { AuditEntry } from '../../platform/audit/index.ts';
import { listAuditEntries } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { INSTANCE_TENANT_ID } from '../../platform/db/instance-tenant.ts';

/** The instance chain's entries about flags (target types flag, flag_segment, flag_environment). */
export async function flagAuditEntries(database: Pick<Database, 'kysely'>): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await listAuditEntries(database, INSTANCE_TENANT_ID, { afterSeq, limit: 500 });
    all.push(...page.entries);
    if (page.nextAfterSeq === null) break;
    afterSeq = page.nextAfterSeq;
  }
  return all.filter((entry) => entry.target_type?.startsWith('flag'));
}
