/**
 * The engine's TupleReader over fga_tuples, for one store inside one tenant transaction: no cache, so a
 * check sees every write and delete committed before it (and its own transaction's). Each read is one
 * statement on the primary key's prefix (org, store, object, relation); a check's closure is one
 * recursive statement of such probes.
 */
import { sql } from 'kysely';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import {
  type Closure,
  type ClosurePlan,
  type ClosureQuery,
  type ClosureTupleReader,
  type DirectQuery,
  parseReference,
  type ReverseTupleReader,
  type TupleRecord,
  type UsersQuery,
} from '../engine/tuples.ts';
import type { FgaTupleColumns } from './tables.ts';
import { tupleFromRow } from './tuple-rows.ts';
import {
  type ClosureRow,
  READ_CLOSURE,
  READ_DIRECT,
  READ_TUPLESET,
  runStatement,
} from './tuple-statements.ts';

/** `group#member` → its type and relation. */
function splitUsersetType(usersetType: string): { type: string; relation: string } {
  const hash = usersetType.indexOf('#');
  return { type: usersetType.slice(0, hash), relation: usersetType.slice(hash + 1) };
}

export class SqlTupleReader implements ReverseTupleReader, ClosureTupleReader {
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
    // Array parameters keep one statement text (one prepared plan) for every check; the exact pairs
    // are filtered too (the type and id lists alone would also match their cross product).
    const rows = await runStatement<FgaTupleColumns>(this.#scope, READ_DIRECT, [
      ...this.#objectRelation(object.type, object.id, query.relation),
      users.map((user) => user.type),
      users.map((user) => user.id),
      [...query.users],
      usersets.map((userset) => userset.type),
      usersets.map((userset) => userset.relation),
      [...query.usersetTypes],
    ]);
    return rows.map(tupleFromRow);
  }

  async readTupleset(objectText: string, relation: string): Promise<readonly TupleRecord[]> {
    const object = parseReference(objectText, false);
    if (!object) return [];
    const rows = await runStatement<FgaTupleColumns>(
      this.#scope,
      READ_TUPLESET,
      this.#objectRelation(object.type, object.id, relation),
    );
    return rows.map(tupleFromRow);
  }

  /** A check's closure in one recursive statement (tuple-statements.ts READ_CLOSURE). */
  async readClosure(query: ClosureQuery): Promise<Closure | undefined> {
    const object = parseReference(query.object, false);
    const users = query.users.map((user) => parseReference(user, true));
    const user = users[0];
    // The closure's users share a type and relation (a user and its wildcard); anything else is read
    // as before.
    if (!object || !user || users.some((u) => u?.type !== user.type || u.relation !== user.relation)) {
      return undefined;
    }
    const rows = await runStatement<ClosureRow>(this.#scope, READ_CLOSURE, [
      this.#scope.orgId,
      this.#storeId,
      object.type,
      object.id,
      ...planParameters(query.plan),
      user.type,
      users.map((u) => u?.id),
      user.relation ?? '',
      query.limit + 1,
    ]);
    if (rows.length > query.limit) return undefined;
    const objects: string[] = [];
    const tuples = new Map<string, TupleRecord>();
    // In the primary key's order, as the filtered reads return them.
    rows.sort(byPrimaryKey);
    for (const row of rows) {
      if (row.relation === null) {
        objects.push(`${row.object_type}:${row.object_id}`);
        continue;
      }
      const tuple = tupleFromRow(row as FgaTupleColumns);
      tuples.set(`${tuple.object}#${tuple.relation}@${tuple.user}`, tuple);
    }
    return { objects, tuples: [...tuples.values()] };
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

  #objectRelation(objectType: string, objectId: string, relation: string): unknown[] {
    return [this.#scope.orgId, this.#storeId, objectType, objectId, relation];
  }
}

/** A plan's eight array parameters, built once per plan (plans live as long as their compiled model). */
const parametersByPlan = new WeakMap<ClosurePlan, unknown[]>();

function planParameters(plan: ClosurePlan): unknown[] {
  let parameters = parametersByPlan.get(plan);
  if (!parameters) {
    parameters = [
      plan.follow.map((edge) => edge.objectType),
      plan.follow.map((edge) => edge.relation),
      plan.follow.map((edge) => edge.userType),
      plan.follow.map((edge) => edge.userRelation),
      plan.tuplesets.map((r) => r.objectType),
      plan.tuplesets.map((r) => r.relation),
      plan.directs.map((r) => r.objectType),
      plan.directs.map((r) => r.relation),
    ];
    parametersByPlan.set(plan, parameters);
  }
  return parameters;
}

function byPrimaryKey(a: ClosureRow, b: ClosureRow): number {
  return (
    compare(a.object_type, b.object_type) ||
    compare(a.object_id, b.object_id) ||
    compare(a.relation ?? '', b.relation ?? '') ||
    compare(a.user_type ?? '', b.user_type ?? '') ||
    compare(a.user_id ?? '', b.user_id ?? '') ||
    compare(a.user_relation ?? '', b.user_relation ?? '')
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
