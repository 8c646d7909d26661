import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { DEMO_ORG_ID } from '../../platform/demo/seed-demo-data.ts';
import { insertMembership } from '../store/membership-store.ts';
import { findOrganization, insertOrganization } from '../store/organization-store.ts';
import type { OrganizationAccessSetup } from './organizations.ts';

export const DEMO_ORG = { slug: 'demo', name: 'Demo Organization' } as const;

/**
 * The demo organization (`npm start`): the platform's demo org id made a real
 * organization, with the demo user as its owner and its first access-control store,
 * as every organization has. Created once; a second start, or a server starting
 * beside this one, adds nothing.
 */
export async function seedDemoOrganization(
  database: Database,
  accessSetup: OrganizationAccessSetup,
  input: { ownerId: string },
): Promise<void> {
  await withTenant(database, DEMO_ORG_ID, async (scope) => {
    if (await findOrganization(scope)) return;
    const created = await insertOrganization(scope, { ...DEMO_ORG, created_by: input.ownerId });
    // Slug taken (an instance that already has a `demo` org, or a concurrent start): nothing to add.
    if (!created) return;
    await insertMembership(scope, { user_id: input.ownerId, role_key: 'owner' });
    const audit = { actor: { type: 'system' as const, id: null } };
    await appendAuditEntry(scope, {
      ...audit,
      action: 'organization.created',
      target: { type: 'organization', id: DEMO_ORG_ID },
      metadata: { source: 'demo_data', owner: input.ownerId },
    });
    await accessSetup.createDefaultStore(scope, audit);
  });
}
