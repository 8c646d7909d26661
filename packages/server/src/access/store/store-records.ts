/**
 * Stores and authorization models of one organization (fga_stores, fga_models). Every query is scoped
 * by the tenant's org_id; row-level security is the second wall.
 */
import type { Selectable } from 'kysely';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import type { AuthorizationModelJson } from '../engine/model-types.ts';
import type { FgaStoresTable } from './tables.ts';
import { newUlid } from './ulid.ts';

export type StoreRecord = Omit<Selectable<FgaStoresTable>, 'org_id'>;

export interface ModelRecord {
  readonly id: string;
  readonly storeId: string;
  readonly schemaVersion: string;
  readonly model: AuthorizationModelJson;
  readonly createdAt: Date;
}

const STORE_COLUMNS = ['id', 'name', 'created_at', 'updated_at', 'deleted_at'] as const;

export async function insertStore(scope: TenantScope, name: string): Promise<StoreRecord> {
  return scope.db
    .insertInto('fga_stores')
    .values({ id: newUlid(), org_id: scope.orgId, name })
    .returning(STORE_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** The tenant's live stores, oldest first (ids are time-ordered), after `afterId` when paging. */
export async function listStores(
  scope: TenantScope,
  limit: number,
  afterId?: string,
): Promise<StoreRecord[]> {
  let query = scope.db
    .selectFrom('fga_stores')
    .select(STORE_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('deleted_at', 'is', null);
  if (afterId) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

/** One live store of the tenant, or undefined (another org's store id is simply not found). */
export async function findStore(scope: TenantScope, storeId: string): Promise<StoreRecord | undefined> {
  return scope.db
    .selectFrom('fga_stores')
    .select(STORE_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('id', '=', storeId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Marks a live store deleted (OpenFGA keeps no access to it afterwards); false when there was none. */
export async function markStoreDeleted(scope: TenantScope, storeId: string, now: Date): Promise<boolean> {
  const result = await scope.db
    .updateTable('fga_stores')
    .set({ deleted_at: now, updated_at: now })
    .where('org_id', '=', scope.orgId)
    .where('id', '=', storeId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertModel(
  scope: TenantScope,
  storeId: string,
  model: AuthorizationModelJson,
): Promise<ModelRecord> {
  const row = await scope.db
    .insertInto('fga_models')
    .values({
      id: newUlid(),
      org_id: scope.orgId,
      store_id: storeId,
      schema_version: model.schema_version,
      model: JSON.stringify(model),
    })
    .returning(['id', 'store_id', 'schema_version', 'model', 'created_at'])
    .executeTakeFirstOrThrow();
  return modelRecord(row);
}

/** A model of the store by id, or its latest (newest id) when `modelId` is undefined. */
export async function findModel(
  scope: TenantScope,
  storeId: string,
  modelId?: string,
): Promise<ModelRecord | undefined> {
  let query = scope.db
    .selectFrom('fga_models')
    .select(['id', 'store_id', 'schema_version', 'model', 'created_at'])
    .where('org_id', '=', scope.orgId)
    .where('store_id', '=', storeId);
  if (modelId !== undefined) query = query.where('id', '=', modelId);
  const row = await query.orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? modelRecord(row) : undefined;
}

/** The store's models, newest first, after `beforeId` when paging. */
export async function listModels(
  scope: TenantScope,
  storeId: string,
  limit: number,
  beforeId?: string,
): Promise<ModelRecord[]> {
  let query = scope.db
    .selectFrom('fga_models')
    .select(['id', 'store_id', 'schema_version', 'model', 'created_at'])
    .where('org_id', '=', scope.orgId)
    .where('store_id', '=', storeId);
  if (beforeId) query = query.where('id', '<', beforeId);
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  return rows.map(modelRecord);
}

function modelRecord(row: {
  id: string;
  store_id: string;
  schema_version: string;
  model: unknown;
  created_at: Date;
}): ModelRecord {
  const model = (typeof row.model === 'string' ? JSON.parse(row.model) : row.model) as AuthorizationModelJson;
  return {
    id: row.id,
    storeId: row.store_id,
    schemaVersion: row.schema_version,
    model,
    createdAt: row.created_at,
  };
}

/**
 * One round trip for a check or a write: whether the store is live, and the id of the model to use
 * (`modelId` if the store has it, else its latest). undefined = no such live store; modelId null = no
 * such model.
 */
export async function resolveModelId(
  scope: TenantScope,
  storeId: string,
  modelId?: string,
): Promise<{ modelId: string | null } | undefined> {
  const row = await scope.db
    .selectFrom('fga_stores as s')
    .leftJoin('fga_models as m', (join) => {
      const on = join.onRef('m.store_id', '=', 's.id').onRef('m.org_id', '=', 's.org_id');
      return modelId === undefined ? on : on.on('m.id', '=', modelId);
    })
    .select('m.id as model_id')
    .where('s.org_id', '=', scope.orgId)
    .where('s.id', '=', storeId)
    .where('s.deleted_at', 'is', null)
    .orderBy('m.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { modelId: row.model_id } : undefined;
}
