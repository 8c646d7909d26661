/**
 * Erasure of every tuple of one user or one object in a store: one statement deletes the tuples and
 * appends each delete to the changes feed (a data-modifying CTE), in the caller's tenant transaction.
 */
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';

/** What is erased, as table columns (the service parses and validates the reference first). */
export type ErasureMatch =
  /** Tuples whose user is exactly this (a plain object, a typed wildcard `id '*'`, or a userset). */
  | { readonly by: 'user'; readonly type: string; readonly id: string; readonly relation: string }
  /** Tuples whose object is this, and tuples naming it as user, plain or as any userset of it. */
  | { readonly by: 'object'; readonly type: string; readonly id: string };

const CHANGE_COLUMNS = [
  'object_type',
  'object_id',
  'relation',
  'user_type',
  'user_id',
  'user_relation',
  'condition_name',
  'condition_context',
] as const;

/** Deletes the matching tuples of the store and records each delete in the changes feed; returns how many. */
export async function eraseMatchingTuples(
  scope: TenantScope,
  storeId: string,
  match: ErasureMatch,
): Promise<number> {
  const row = await scope.db
    .with('erased', (db) =>
      db
        .deleteFrom('fga_tuples')
        .where('org_id', '=', scope.orgId)
        .where('store_id', '=', storeId)
        .where((eb) => matching(eb, match))
        .returning(CHANGE_COLUMNS),
    )
    .with('recorded', (db) =>
      db
        .insertInto('fga_changes')
        .columns(['org_id', 'store_id', 'operation', ...CHANGE_COLUMNS])
        .expression(
          db
            .selectFrom('erased')
            .select((eb) => [
              eb.val(scope.orgId).as('org_id'),
              eb.val(storeId).as('store_id'),
              eb.val('delete').as('operation'),
              ...CHANGE_COLUMNS,
            ])
            // A stable order in the feed for one erasure (its ids are taken in this order).
            .orderBy('object_type')
            .orderBy('object_id')
            .orderBy('relation')
            .orderBy('user_type')
            .orderBy('user_id')
            .orderBy('user_relation'),
        )
        .returning('id'),
    )
    .selectFrom('recorded')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

function matching(eb: ExpressionBuilder<DB, 'fga_tuples'>, match: ErasureMatch) {
  if (match.by === 'user') {
    return eb.and([
      eb('user_type', '=', match.type),
      eb('user_id', '=', match.id),
      eb('user_relation', '=', match.relation),
    ]);
  }
  // Both halves are index conditions: the primary key's (object) and fga_tuples_by_user's (user).
  return eb.or([
    eb.and([eb('object_type', '=', match.type), eb('object_id', '=', match.id)]),
    eb.and([eb('user_type', '=', match.type), eb('user_id', '=', match.id)]),
  ]);
}
