import { appendAuditEntry, listAuditEntries } from '../audit/index.ts';
import type { Database } from '../db/database.ts';
import { withTenant } from '../db/tenant-scope.ts';

/**
 * Demo data for `npm start`: something to look at through the API on a fresh
 * instance. The platform's share is one organization id with an audit chain
 * (the organizations themselves arrive with their module, which extends this).
 * Idempotent: a second start adds nothing. Off with KEYSTONE_DEMO_DATA=false.
 */
export const DEMO_ORG_ID = 'org_0000000000000000000000DEM0';

export type DemoData = { orgId: string };

export async function seedDemoData(database: Database): Promise<DemoData> {
  const existing = await listAuditEntries(database, DEMO_ORG_ID, { afterSeq: 0, limit: 1 });
  if (existing.entries.length > 0) return { orgId: DEMO_ORG_ID };
  await withTenant(database, DEMO_ORG_ID, async (scope) => {
    await appendAuditEntry(scope, {
      actor: { type: 'system', id: null },
      action: 'demo.seeded',
      target: { type: 'organization', id: DEMO_ORG_ID },
      metadata: { note: 'Demo data written on the first start of this instance' },
    });
  });
  return { orgId: DEMO_ORG_ID };
}
