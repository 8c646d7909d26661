/**
 * The engine's TupleReader over fga_tuples, for one store inside one tenant transaction: no cache, so a
 * check sees every write and delete committed before it (and its own transaction's). Each read is one
 * statement on the primary key's prefix (org, store, object, relation).
 */
import { sql } from 'kysely';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import {
  type DirectQuery,
  parseReference,
  type ReverseTupleReader,
  type TupleRecord,
  type UsersQuery,
} from '../engine/tuples.ts';
import type { FgaTupleColumns } from './tables.ts';
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

/** `group#member` → its type and relation. */
function splitUsersetType(usersetType: string): { type: string; relation: string } {
  const hash = usersetType.indexOf('#');
  return { type: usersetType.slice(0, hash), relation: usersetType.slice(hash + 1) };
}

export class SqlTupleReader implements ReverseTupleReader {
  readonly #scope: TenantScope;
  readonly #storeId: string;

  constructor(scope: TenantScope, storeId: string) {
    this.#scope = scope;
    this.#storeId = storeId;
  }

  async readDirect(query: DirectQuery): Promise<readonly TupleRecord[]> {
    const object = parseReference(query.object, false);
    if (!object) return [];
    const users = query.users.map((user) => parseReference(user, true)).filter((user) => user !== undefined);
    const usersets = query.usersetTypes.map(splitUsersetType);
    // Array parameters keep one statement text (one prepared plan) for every check. Each branch has
    // equality/ANY conditions on the primary key's columns, so both are index scans; the exact pairs
    // are then filtered (the type and id lists alone would also match their cross product).
    const rows = await this.#onObjectRelation(object.type, object.id, query.relation)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('user_type', '=', eb.fn<string>('any', [sql.val(users.map((user) => user.type))])),
            eb('user_id', '=', eb.fn<string>('any', [sql.val(users.map((user) => user.id))])),
            eb('user_relation', '=', ''),
            sql<boolean>`user_type || ':' || user_id = ANY(${sql.val([...query.users])}::text[])`,
          ]),
          eb.and([
            eb('user_type', '=', eb.fn<string>('any', [sql.val(usersets.map((userset) => userset.type))])),
            eb(
              'user_relation',
              '=',
              eb.fn<string>('any', [sql.val(usersets.map((userset) => userset.relation))]),
            ),
            sql<boolean>`user_type || '#' || user_relation = ANY(${sql.val([...query.usersetTypes])}::text[])`,
          ]),
        ]),
      )
      .execute();
    return rows.map(tupleFromRow);
  }

  async readTupleset(objectText: string, relation: string): Promise<readonly TupleRecord[]> {
    const object = parseReference(objectText, false);
    if (!object) return [];
    const rows = await this.#onObjectRelation(object.type, object.id, relation).execute();
    return rows.map(tupleFromRow);
  }

  /**
   * One statement for a whole wave of list-objects' reverse walk: the users travel as three parallel
   * arrays joined against the by-user index (one index probe per user), and the pairs the model allows
   * them in are filtered on the rows found.
   */
  async readByUsers(query: UsersQuery): Promise<readonly TupleRecord[]> {
    const users = query.users.map((user) => parseReference(user, true)).filter((user) => user !== undefined);
    if (users.length === 0 || query.objectRelations.length === 0) return [];
    const pairs = query.objectRelations.map(splitUsersetType);
    const { rows } = await sql<FgaTupleColumns>`
      SELECT t.object_type, t.object_id, t.relation, t.user_type, t.user_id, t.user_relation,
             t.condition_name, t.condition_context
      FROM unnest(${sql.val(users.map((user) => user.type))}::text[],
                  ${sql.val(users.map((user) => user.id))}::text[],
                  ${sql.val(users.map((user) => user.relation ?? ''))}::text[])
             AS wanted(user_type, user_id, user_relation)
      JOIN fga_tuples t
        ON t.org_id = ${this.#scope.orgId} AND t.store_id = ${this.#storeId}
       AND t.user_type = wanted.user_type AND t.user_id = wanted.user_id
       AND t.user_relation = wanted.user_relation
      WHERE t.object_type = ANY(${sql.val(pairs.map((pair) => pair.type))}::text[])
        AND t.relation = ANY(${sql.val(pairs.map((pair) => pair.relation))}::text[])
        AND t.object_type || '#' || t.relation = ANY(${sql.val([...query.objectRelations])}::text[])`.execute(
      this.#scope.db,
    );
    return rows.map(tupleFromRow);
  }

  /** Every tuple on the objects: one statement, one probe of the primary key's prefix per object. */
  async readByObjects(objects: readonly string[]): Promise<readonly TupleRecord[]> {
    const parsed = objects
      .map((object) => parseReference(object, false))
      .filter((object) => object !== undefined);
    if (parsed.length === 0) return [];
    const { rows } = await sql<FgaTupleColumns>`
      SELECT t.object_type, t.object_id, t.relation, t.user_type, t.user_id, t.user_relation,
             t.condition_name, t.condition_context
      FROM unnest(${sql.val(parsed.map((object) => object.type))}::text[],
                  ${sql.val(parsed.map((object) => object.id))}::text[]) AS wanted(object_type, object_id)
      JOIN fga_tuples t
        ON t.org_id = ${this.#scope.orgId} AND t.store_id = ${this.#storeId}
       AND t.object_type = wanted.object_type AND t.object_id = wanted.object_id`.execute(this.#scope.db);
    return rows.map(tupleFromRow);
  }

  #onObjectRelation(objectType: string, objectId: string, relation: string) {
    return this.#scope.db
      .selectFrom('fga_tuples')
      .select(TUPLE_COLUMNS)
      .where('org_id', '=', this.#scope.orgId)
      .where('store_id', '=', this.#storeId)
      .where('object_type', '=', objectType)
      .where('object_id', '=', objectId)
      .where('relation', '=', relation);
  }
}
