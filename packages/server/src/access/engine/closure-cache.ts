/**
 * A check's reads answered from its closure (closure-plan.ts): a read is answered from memory only
 * when the closure holds every tuple the store would return for it (its object was reached, and the
 * plan read its relation for those users and userset types); any other read goes to the store. So the
 * answers are the store's, exactly, and only for this one check (never kept across requests).
 */
import { edgeKey } from './closure-plan.ts';
import type { Closure, ClosurePlan, DirectQuery, TupleReader, TupleRecord } from './tuples.ts';

export class ClosureCache implements TupleReader {
  readonly #reader: TupleReader;
  readonly #users: ReadonlySet<string>;
  readonly #objects: ReadonlySet<string>;
  readonly #follow: ReadonlySet<string>;
  readonly #tuplesets: ReadonlySet<string>;
  readonly #directs: ReadonlySet<string>;
  /** `object#relation` → the closure's tuples on it. */
  readonly #tuples = new Map<string, TupleRecord[]>();

  constructor(reader: TupleReader, plan: ClosurePlan, users: readonly string[], closure: Closure) {
    this.#reader = reader;
    this.#users = new Set(users);
    this.#objects = new Set(closure.objects);
    const keys = planKeys(plan);
    this.#follow = keys.follow;
    this.#tuplesets = keys.tuplesets;
    this.#directs = keys.directs;
    for (const tuple of closure.tuples) {
      const key = `${tuple.object}#${tuple.relation}`;
      const list = this.#tuples.get(key);
      if (list) list.push(tuple);
      else this.#tuples.set(key, [tuple]);
    }
  }

  readDirect(query: DirectQuery): Promise<readonly TupleRecord[]> {
    if (!this.#coversDirect(query)) return this.#reader.readDirect(query);
    const tuples = this.#tuples.get(`${query.object}#${query.relation}`) ?? [];
    return Promise.resolve(
      tuples.filter(
        (tuple) => query.users.includes(tuple.user) || query.usersetTypes.includes(usersetTypeOf(tuple.user)),
      ),
    );
  }

  readTupleset(object: string, relation: string): Promise<readonly TupleRecord[]> {
    const type = typeOf(object);
    if (!this.#objects.has(object) || !this.#tuplesets.has(`${type}#${relation}`)) {
      return this.#reader.readTupleset(object, relation);
    }
    return Promise.resolve(this.#tuples.get(`${object}#${relation}`) ?? []);
  }

  #coversDirect(query: DirectQuery): boolean {
    if (!this.#objects.has(query.object)) return false;
    const type = typeOf(query.object);
    if (!this.#directs.has(`${type}#${query.relation}`)) return false;
    if (!query.users.every((user) => this.#users.has(user))) return false;
    return query.usersetTypes.every((usersetType) =>
      this.#follow.has(`${type}#${query.relation}@${usersetType}`),
    );
  }
}

interface PlanKeys {
  readonly follow: ReadonlySet<string>;
  readonly tuplesets: ReadonlySet<string>;
  readonly directs: ReadonlySet<string>;
}

/** A plan's lookups, built once per plan (plans live as long as their compiled model). */
const keysByPlan = new WeakMap<ClosurePlan, PlanKeys>();

function planKeys(plan: ClosurePlan): PlanKeys {
  let keys = keysByPlan.get(plan);
  if (!keys) {
    keys = {
      follow: new Set(plan.follow.map(edgeKey)),
      tuplesets: new Set(plan.tuplesets.map((r) => `${r.objectType}#${r.relation}`)),
      directs: new Set(plan.directs.map((r) => `${r.objectType}#${r.relation}`)),
    };
    keysByPlan.set(plan, keys);
  }
  return keys;
}

function typeOf(object: string): string {
  return object.slice(0, object.indexOf(':'));
}

/** `group:eng#member` → `group#member`; '' for a user that is not a userset. */
function usersetTypeOf(user: string): string {
  const hash = user.indexOf('#');
  if (hash === -1) return '';
  return `${user.slice(0, user.indexOf(':'))}${user.slice(hash)}`;
}
