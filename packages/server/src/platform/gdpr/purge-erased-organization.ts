import { sql } from 'kysely';
import type { TenantScope } from '../db/tenant-scope.ts';

/**
 * Deletes the audit chain, chain head and data keys of an organization that no
 * longer exists, in the caller's transaction (the one that deleted its row, so
 * both happen or neither). Only the database function of migration 0014 can:
 * the application role may delete none of them, and the function refuses a
 * live organization and the instance.
 */
export async function purgeErasedOrganizationRecords(scope: TenantScope): Promise<void> {
  await sql`SELECT keystone_purge_erased_organization(${scope.orgId})`.execute(scope.db);
}
