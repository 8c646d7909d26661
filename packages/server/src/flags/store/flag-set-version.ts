/** The instance's flag-set version (flag_set_versions): one counter raised by every flag or segment change. */
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { flagDb, toNumber } from './flag-scope.ts';

/**
 * Locks the counter's row until the transaction ends and returns its value: every change to the
 * instance's flags or segments takes this lock first, so changes are applied one at a time, in the
 * order of their flag-set versions.
 */
export async function lockFlagSetVersion(scope: TenantScope): Promise<number> {
  const row = await flagDb(scope)
    .selectFrom('flag_set_versions')
    .select('version')
    .where('org_id', '=', scope.orgId)
    .forUpdate()
    .executeTakeFirst();
  return row ? toNumber(row.version) : 0;
}

/** Raises the counter and returns the new value. */
export async function raiseFlagSetVersion(scope: TenantScope): Promise<number> {
  const row = await flagDb(scope)
    .insertInto('flag_set_versions')
    .values({ org_id: scope.orgId, version: 1 })
    .onConflict((conflict) =>
      conflict.column('org_id').doUpdateSet((eb) => ({ version: eb('flag_set_versions.version', '+', 1) })),
    )
    .returning('version')
    .executeTakeFirstOrThrow();
  return toNumber(row.version);
}

export async function readFlagSetVersion(scope: TenantScope): Promise<number> {
  const row = await flagDb(scope)
    .selectFrom('flag_set_versions')
    .select('version')
    .where('org_id', '=', scope.orgId)
    .executeTakeFirst();
  return row ? toNumber(row.version) : 0;
}
