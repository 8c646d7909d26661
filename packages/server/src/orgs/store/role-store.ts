import type { Selectable } from 'kysely';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import type { OrgRolesTable } from './tables.ts';

export type CustomRoleRow = Selectable<OrgRolesTable>;

export async function listCustomRoles(scope: TenantScope): Promise<CustomRoleRow[]> {
  return scope.db
    .selectFrom('org_roles')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .orderBy('key')
    .execute();
}

export async function findCustomRole(scope: TenantScope, key: string): Promise<CustomRoleRow | undefined> {
  return scope.db
    .selectFrom('org_roles')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Undefined when the key exists already. */
export async function insertCustomRole(
  scope: TenantScope,
  role: { key: string; name: string; description: string | null; permissions: string[] },
): Promise<CustomRoleRow | undefined> {
  return scope.db
    .insertInto('org_roles')
    .values({ org_id: scope.orgId, ...role })
    .onConflict((oc) => oc.columns(['org_id', 'key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateCustomRole(
  scope: TenantScope,
  key: string,
  changes: { name?: string; description?: string | null; permissions?: string[] },
): Promise<CustomRoleRow | undefined> {
  return scope.db
    .updateTable('org_roles')
    .set({ ...changes, updated_at: new Date() })
    .where('org_id', '=', scope.orgId)
    .where('key', '=', key)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteCustomRole(scope: TenantScope, key: string): Promise<boolean> {
  const result = await scope.db
    .deleteFrom('org_roles')
    .where('org_id', '=', scope.orgId)
    .where('key', '=', key)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
