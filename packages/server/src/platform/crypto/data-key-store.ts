import type { TenantScope } from '../db/tenant-scope.ts';

/** SQL for `org_data_keys`, always inside one organization's scope. */
export type StoredDataKey = { key_id: string; kek_id: string; wrapped_key: string };

export async function findActiveDataKey(scope: TenantScope): Promise<StoredDataKey | undefined> {
  return scope.db
    .selectFrom('org_data_keys')
    .select(['key_id', 'kek_id', 'wrapped_key'])
    .where('org_id', '=', scope.orgId)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
}

export async function findDataKey(scope: TenantScope, keyId: string): Promise<StoredDataKey | undefined> {
  return scope.db
    .selectFrom('org_data_keys')
    .select(['key_id', 'kek_id', 'wrapped_key'])
    .where('org_id', '=', scope.orgId)
    .where('key_id', '=', keyId)
    .executeTakeFirst();
}

/**
 * Inserts a new active key unless the org already has one (a concurrent first
 * encryption may have won: the partial unique index makes us wait for it and
 * then skip). Returns whether this key was inserted.
 */
export async function insertActiveDataKey(scope: TenantScope, key: StoredDataKey): Promise<boolean> {
  const result = await scope.db
    .insertInto('org_data_keys')
    .values({ org_id: scope.orgId, ...key })
    .onConflict((oc) => oc.column('org_id').where('retired_at', 'is', null).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function retireActiveDataKey(scope: TenantScope): Promise<void> {
  await scope.db
    .updateTable('org_data_keys')
    .set({ retired_at: new Date() })
    .where('org_id', '=', scope.orgId)
    .where('retired_at', 'is', null)
    .execute();
}
