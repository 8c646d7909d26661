import type { TenantScope } from '../../platform/db/tenant-scope.ts';

/**
 * Deletes everything access control holds for the scope's organization: the changes feed, tuples,
 * models and stores, in foreign-key order. Idempotent (a re-run deletes nothing more).
 */
export async function deleteOrganizationAccessData(scope: TenantScope): Promise<void> {
  await scope.db.deleteFrom('fga_changes').where('org_id', '=', scope.orgId).execute();
  await scope.db.deleteFrom('fga_tuples').where('org_id', '=', scope.orgId).execute();
  await scope.db.deleteFrom('fga_models').where('org_id', '=', scope.orgId).execute();
  await scope.db.deleteFrom('fga_stores').where('org_id', '=', scope.orgId).execute();
}

/** The organization's stores with their model ids and tuple counts: what an organization export shows. */
export async function organizationAccessSummary(scope: TenantScope) {
  const stores = await scope.db
    .selectFrom('fga_stores')
    .select(['id', 'name', 'created_at', 'deleted_at'])
    .where('org_id', '=', scope.orgId)
    .orderBy('id')
    .execute();
  const models = await scope.db
    .selectFrom('fga_models')
    .select(['id', 'store_id'])
    .where('org_id', '=', scope.orgId)
    .orderBy('id')
    .execute();
  const tuples = await scope.db
    .selectFrom('fga_tuples')
    .select(['store_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('org_id', '=', scope.orgId)
    .groupBy('store_id')
    .execute();
  return stores.map((store) => ({
    ...store,
    model_ids: models.filter((model) => model.store_id === store.id).map((model) => model.id),
    tuple_count: Number(tuples.find((row) => row.store_id === store.id)?.count ?? 0),
  }));
}
