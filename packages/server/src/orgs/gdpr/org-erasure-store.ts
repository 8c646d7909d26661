import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import type { UserDoor } from '../store/user-door.ts';

/** Organizations the user created, members or not any more (the user door's created_organizations policy, 0014). */
export async function listCreatedOrganizations(door: UserDoor) {
  return door.db
    .selectFrom('organizations')
    .select(['org_id', 'slug', 'name', 'created_at'])
    .where('created_by', '=', door.userId)
    .orderBy('created_at')
    .execute();
}

/** How many members the scope's organization has, and which of them are owners. */
export async function memberCounts(scope: TenantScope): Promise<{ members: number; owners: string[] }> {
  const rows = await scope.db
    .selectFrom('org_memberships')
    .select(['user_id', 'role_key'])
    .where('org_id', '=', scope.orgId)
    .execute();
  return {
    members: rows.length,
    owners: rows.filter((row) => row.role_key === 'owner').map((row) => row.user_id),
  };
}

/**
 * Deletes the scope's organization with its members and custom roles (the
 * foreign keys would cascade; explicit, so a re-run on a half-erased
 * organization still clears them). Idempotent.
 */
export async function deleteOrganizationRecords(scope: TenantScope): Promise<void> {
  await scope.db.deleteFrom('org_memberships').where('org_id', '=', scope.orgId).execute();
  await scope.db.deleteFrom('org_roles').where('org_id', '=', scope.orgId).execute();
  await scope.db.deleteFrom('organizations').where('org_id', '=', scope.orgId).execute();
}
