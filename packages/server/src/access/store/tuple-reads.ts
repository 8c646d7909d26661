/**
 * OpenFGA's Read and ReadChanges over one store: tuples matching a filter in primary-key order, and the
 * changes feed in append order, each a page after a keyset position (the continuation).
 */
import { sql } from 'kysely';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import type { TupleRecord } from '../engine/tuples.ts';
import type { TupleKeyColumns } from './tuple-rows.ts';
import { tupleFromRow } from './tuple-rows.ts';

const TUPLE_COLUMNS = [
  'object_type',
  'object_id',
  'relation',
  'user_type',
  'user_id',
  'user_relation',
  'condition_name',
  'condition_context',
] as const;

const KEY_COLUMNS = [
  'object_type',
  'object_id',
  'relation',
  'user_type',
  'user_id',
  'user_relation',
] as const;

/** Column equalities a Read filter becomes (`document:` → object_type only, `group:g#member` → user). */
export type TupleFilter = Partial<TupleKeyColumns>;

export interface StoredTuple {
  readonly tuple: TupleRecord;
  readonly key: TupleKeyColumns;
  readonly insertedAt: Date;
}

export async function readTuplePage(
  scope: TenantScope,
  storeId: string,
  filter: TupleFilter,
  limit: number,
  after?: TupleKeyColumns,
): Promise<StoredTuple[]> {
  let query = scope.db
    .selectFrom('fga_tuples')
    .select([...TUPLE_COLUMNS, 'inserted_at'])
    .where('org_id', '=', scope.orgId)
    .where('store_id', '=', storeId);
  for (const column of KEY_COLUMNS) {
    const value = filter[column];
    if (value !== undefined) query = query.where(column, '=', value);
  }
  if (after) {
    // Row comparison: the next key in primary-key order (Kysely's tuples stop at five columns).
    query = query.where(
      sql<boolean>`(object_type, object_id, relation, user_type, user_id, user_relation) > (${after.object_type}, ${after.object_id}, ${after.relation}, ${after.user_type}, ${after.user_id}, ${after.user_relation})`,
    );
  }
  const rows = await query
    .orderBy('object_type')
    .orderBy('object_id')
    .orderBy('relation')
    .orderBy('user_type')
    .orderBy('user_id')
    .orderBy('user_relation')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    tuple: tupleFromRow(row),
    key: {
      object_type: row.object_type,
      object_id: row.object_id,
      relation: row.relation,
      user_type: row.user_type,
      user_id: row.user_id,
      user_relation: row.user_relation,
    },
    insertedAt: row.inserted_at,
  }));
}

export interface StoredChange {
  /** The feed position (a bigserial, as text). */
  readonly id: string;
  readonly operation: 'write' | 'delete';
  readonly tuple: TupleRecord;
  readonly changedAt: Date;
}

/** Changes after position `afterId` (and at or after `since`), oldest first, optionally of one object type. */
export async function readChangePage(
  scope: TenantScope,
  storeId: string,
  options: { objectType?: string; afterId?: string; since?: Date; limit: number },
): Promise<StoredChange[]> {
  let query = scope.db
    .selectFrom('fga_changes')
    .select(['id', 'operation', 'changed_at', ...TUPLE_COLUMNS])
    .where('org_id', '=', scope.orgId)
    .where('store_id', '=', storeId);
  if (options.objectType !== undefined) query = query.where('object_type', '=', options.objectType);
  if (options.afterId !== undefined) query = query.where('id', '>', options.afterId);
  if (options.since !== undefined) query = query.where('changed_at', '>=', options.since);
  const rows = await query.orderBy('id').limit(options.limit).execute();
  return rows.map((row) => ({
    id: String(row.id),
    operation: row.operation,
    tuple: tupleFromRow(row),
    changedAt: row.changed_at,
  }));
}
