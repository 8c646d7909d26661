/**
 * Writes and deletes of one store's tuples, each change appended to the changes feed in the same
 * statement batch (the caller's tenant transaction). Both report which tuples were not applied
 * (already there / not there) so the service can refuse the whole batch by throwing.
 */
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import type { TupleRecord } from '../engine/tuples.ts';
import type { FgaTupleColumns } from './tables.ts';
import { tupleColumns, tupleFromRow, tupleIdentity, tupleKeyColumns } from './tuple-rows.ts';

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

/** Inserts the tuples; returns those that already existed (nothing of them was written). */
export async function insertTuples(
  scope: TenantScope,
  storeId: string,
  tuples: readonly TupleRecord[],
): Promise<TupleRecord[]> {
  if (tuples.length === 0) return [];
  const inserted = await scope.db
    .insertInto('fga_tuples')
    .values(tuples.map((tuple) => ({ ...tupleColumns(tuple), org_id: scope.orgId, store_id: storeId })))
    .onConflict((conflict) => conflict.doNothing())
    .returning(TUPLE_COLUMNS)
    .execute();
  await appendChanges(scope, storeId, 'write', inserted);
  return missingFrom(tuples, inserted);
}

/** Deletes the tuples (whatever their condition); returns those that did not exist. */
export async function deleteTuples(
  scope: TenantScope,
  storeId: string,
  tuples: readonly Pick<TupleRecord, 'object' | 'relation' | 'user'>[],
): Promise<Pick<TupleRecord, 'object' | 'relation' | 'user'>[]> {
  if (tuples.length === 0) return [];
  const deleted = await scope.db
    .deleteFrom('fga_tuples')
    .where('org_id', '=', scope.orgId)
    .where('store_id', '=', storeId)
    .where((eb) => eb.or(tuples.map((tuple) => eb.and(tupleKeyColumns(tuple)))))
    .returning(TUPLE_COLUMNS)
    .execute();
  await appendChanges(scope, storeId, 'delete', deleted);
  return missingFrom(tuples, deleted);
}

/** The stored tuples with these keys (each with its stored condition); absent keys are left out. */
export async function findTuples(
  scope: TenantScope,
  storeId: string,
  tuples: readonly Pick<TupleRecord, 'object' | 'relation' | 'user'>[],
): Promise<TupleRecord[]> {
  if (tuples.length === 0) return [];
  const rows = await scope.db
    .selectFrom('fga_tuples')
    .select(TUPLE_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('store_id', '=', storeId)
    .where((eb) => eb.or(tuples.map((tuple) => eb.and(tupleKeyColumns(tuple)))))
    .execute();
  return rows.map(tupleFromRow);
}

async function appendChanges(
  scope: TenantScope,
  storeId: string,
  operation: 'write' | 'delete',
  rows: readonly FgaTupleColumns[],
): Promise<void> {
  if (rows.length === 0) return;
  await scope.db
    .insertInto('fga_changes')
    .values(
      rows.map((row) => ({
        ...row,
        // A jsonb read back is an object: written again as JSON text, like every other write.
        condition_context: asJsonText(row.condition_context),
        org_id: scope.orgId,
        store_id: storeId,
        operation,
      })),
    )
    .execute();
}

function asJsonText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function missingFrom<T extends Pick<TupleRecord, 'object' | 'relation' | 'user'>>(
  wanted: readonly T[],
  applied: readonly FgaTupleColumns[],
): T[] {
  const done = new Set(applied.map((row) => tupleIdentity(tupleFromRow(row))));
  return wanted.filter((tuple) => !done.has(tupleIdentity(tuple)));
}
