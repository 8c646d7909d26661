/** The instance's flag environments (flag_environments). */
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { flagDb } from './flag-scope.ts';

export type EnvironmentRecord = { key: string; name: string; createdAt: Date };

export async function listEnvironments(scope: TenantScope): Promise<EnvironmentRecord[]> {
  const rows = await flagDb(scope)
    .selectFrom('flag_environments')
    .select(['key', 'name', 'created_at'])
    .where('org_id', '=', scope.orgId)
    .orderBy('created_at')
    .orderBy('key')
    .execute();
  return rows.map((row) => ({ key: row.key, name: row.name, createdAt: row.created_at }));
}

/** False when the key exists already. */
export async function insertEnvironment(scope: TenantScope, key: string, name: string): Promise<boolean> {
  const inserted = await flagDb(scope)
    .insertInto('flag_environments')
    .values({ org_id: scope.orgId, key, name })
    .onConflict((conflict) => conflict.columns(['org_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function deleteEnvironment(scope: TenantScope, key: string): Promise<boolean> {
  const result = await flagDb(scope)
    .deleteFrom('flag_environments')
    .where('org_id', '=', scope.orgId)
    .where('key', '=', key)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
