/**
 * Relationship tuples as the engine sees them, and the small async interface it reads them through:
 * the SQL store implements TupleReader later; tests use the in-memory reader.
 */

export interface TupleCondition {
  readonly name: string;
  readonly context?: Readonly<Record<string, unknown>>;
}

/** `object` is `type:id`; `user` is `type:id`, `type:*` or `type:id#relation`. */
export interface TupleRecord {
  readonly object: string;
  readonly relation: string;
  readonly user: string;
  readonly condition?: TupleCondition;
}

/** What a direct relation needs from the store for one check. */
export interface DirectQuery {
  readonly object: string;
  readonly relation: string;
  /** Users whose tuples count as they are: the checked user and, when allowed, its type's wildcard. */
  readonly users: readonly string[];
  /** The userset types the relation allows (`group#member`): their tuples come back to be expanded. */
  readonly usersetTypes: readonly string[];
}

export interface TupleReader {
  /** Tuples on `object#relation` whose user is one of `users` or a userset of one of `usersetTypes`. */
  readDirect(query: DirectQuery): Promise<readonly TupleRecord[]>;
  /** Every tuple on `object#relation`: the tupleset of a tuple-to-userset. */
  readTupleset(object: string, relation: string): Promise<readonly TupleRecord[]>;
}

/** A userset edge a check may follow: tuples on `objectType#relation` whose user is a `userType:id#userRelation`. */
export interface ClosureEdge {
  readonly objectType: string;
  readonly relation: string;
  readonly userType: string;
  /** '' for a tupleset edge: its plain objects are followed. */
  readonly userRelation: string;
}

/** An object type's relation: `objectType#relation`. */
export interface ClosureRelation {
  readonly objectType: string;
  readonly relation: string;
}

/** What a model lets a check read below an object (closure-plan.ts builds it once per model). */
export interface ClosurePlan {
  /** Userset edges and tupleset edges: the objects their tuples name are read too. */
  readonly follow: readonly ClosureEdge[];
  /** Tupleset relations: every tuple on them is read (a tuple-to-userset reads them whole). */
  readonly tuplesets: readonly ClosureRelation[];
  /** Relations with direct tuples: the checked user's tuples (and its type's wildcard's) are read. */
  readonly directs: readonly ClosureRelation[];
}

/**
 * One check's reads in one go: from `object`, every object the plan's follow edges reach (cycles end:
 * each object is read once), and on each reached object the tuples of the plan's edges, all tuples of
 * its tupleset relations and the tuples of its direct relations whose user is one of `users`.
 */
export interface ClosureQuery {
  readonly object: string;
  readonly users: readonly string[];
  readonly plan: ClosurePlan;
  /** More rows (reached objects and tuples together) than this: no closure (the caller reads as before). */
  readonly limit: number;
}

export interface Closure {
  /** The reached objects, the checked one included. */
  readonly objects: readonly string[];
  readonly tuples: readonly TupleRecord[];
}

/** A TupleReader that can read a check's closure (SQL: one recursive statement). */
export interface ClosureTupleReader extends TupleReader {
  /** undefined when the closure has more than `query.limit` rows. */
  readClosure(query: ClosureQuery): Promise<Closure | undefined>;
}

export function canReadClosure(reader: TupleReader): reader is ClosureTupleReader {
  return typeof (reader as Partial<ClosureTupleReader>).readClosure === 'function';
}

/** What list-objects reads walking backwards: the tuples that name one of some users. */
export interface UsersQuery {
  /** Exact users: `type:id`, `type:*` or `type:id#relation`. */
  readonly users: readonly string[];
  /** Only tuples on these `type#relation` pairs (the ones the model lets these users appear in). */
  readonly objectRelations: readonly string[];
}

/** A TupleReader that can also read in batches: by user (list-objects' reverse walk), by object. */
export interface ReverseTupleReader extends TupleReader {
  /** Tuples whose user is one of `query.users`, on one of `query.objectRelations`; one batch. */
  readByUsers(query: UsersQuery): Promise<readonly TupleRecord[]>;
  /** Every tuple on any of `objects` (`type:id`), whatever its relation; one batch. */
  readByObjects(objects: readonly string[]): Promise<readonly TupleRecord[]>;
}

export class InMemoryTupleReader implements ReverseTupleReader, ClosureTupleReader {
  readonly #byObjectRelation = new Map<string, TupleRecord[]>();
  readonly #byUser = new Map<string, TupleRecord[]>();
  readonly #byObject = new Map<string, TupleRecord[]>();

  constructor(tuples: Iterable<TupleRecord> = []) {
    for (const tuple of tuples) this.add(tuple);
  }

  add(tuple: TupleRecord): void {
    const key = `${tuple.object}#${tuple.relation}`;
    const list = this.#byObjectRelation.get(key);
    if (list) list.push(tuple);
    else this.#byObjectRelation.set(key, [tuple]);
    const byUser = this.#byUser.get(tuple.user);
    if (byUser) byUser.push(tuple);
    else this.#byUser.set(tuple.user, [tuple]);
    const byObject = this.#byObject.get(tuple.object);
    if (byObject) byObject.push(tuple);
    else this.#byObject.set(tuple.object, [tuple]);
  }

  async readByObjects(objects: readonly string[]): Promise<readonly TupleRecord[]> {
    return [...new Set(objects)].flatMap((object) => this.#byObject.get(object) ?? []);
  }

  async readByUsers(query: UsersQuery): Promise<readonly TupleRecord[]> {
    const pairs = new Set(query.objectRelations);
    return [...new Set(query.users)].flatMap((user) =>
      (this.#byUser.get(user) ?? []).filter((tuple) =>
        pairs.has(`${tuple.object.slice(0, tuple.object.indexOf(':'))}#${tuple.relation}`),
      ),
    );
  }

  async readDirect(query: DirectQuery): Promise<readonly TupleRecord[]> {
    return this.#list(query.object, query.relation).filter(
      (tuple) => query.users.includes(tuple.user) || query.usersetTypes.includes(usersetTypeOf(tuple.user)),
    );
  }

  async readTupleset(object: string, relation: string): Promise<readonly TupleRecord[]> {
    return this.#list(object, relation);
  }

  /** The same closure as the SQL reader's statement (closure-plan.ts describes it). */
  async readClosure(query: ClosureQuery): Promise<Closure | undefined> {
    const objects = [query.object];
    const reached = new Set(objects);
    const tuples = new Map<string, TupleRecord>();
    const keep = (tuple: TupleRecord) => tuples.set(`${tuple.object}#${tuple.relation}@${tuple.user}`, tuple);
    for (let next = 0; next < objects.length; next++) {
      const object = objects[next] as string;
      const type = object.slice(0, object.indexOf(':'));
      for (const edge of query.plan.follow) {
        if (edge.objectType !== type) continue;
        for (const tuple of this.#list(object, edge.relation)) {
          const user = parseReference(tuple.user, true);
          if (!user || user.type !== edge.userType || (user.relation ?? '') !== edge.userRelation) continue;
          if (user.id === '*') continue;
          if (edge.userRelation !== '') keep(tuple);
          const target = `${user.type}:${user.id}`;
          if (!reached.has(target)) {
            reached.add(target);
            objects.push(target);
          }
        }
      }
      for (const tupleset of query.plan.tuplesets) {
        if (tupleset.objectType === type)
          for (const tuple of this.#list(object, tupleset.relation)) keep(tuple);
      }
      for (const direct of query.plan.directs) {
        if (direct.objectType !== type) continue;
        for (const tuple of this.#list(object, direct.relation))
          if (query.users.includes(tuple.user)) keep(tuple);
      }
    }
    if (objects.length + tuples.size > query.limit) return undefined;
    return { objects, tuples: [...tuples.values()] };
  }

  #list(object: string, relation: string): TupleRecord[] {
    return this.#byObjectRelation.get(`${object}#${relation}`) ?? [];
  }
}

/** `group:eng#member` → `group#member`; '' for a user that is not a userset. */
function usersetTypeOf(user: string): string {
  const hash = user.indexOf('#');
  if (hash === -1) return '';
  return `${user.slice(0, user.indexOf(':'))}${user.slice(hash)}`;
}

/** A request's contextual tuples layered over the stored ones (OpenFGA reads both). */
export class ContextualTupleReader implements ReverseTupleReader {
  readonly #stored: TupleReader;
  readonly #contextual: InMemoryTupleReader;

  /** `stored` must be a ReverseTupleReader for readByUsers to be called. */
  constructor(stored: TupleReader, contextual: readonly TupleRecord[]) {
    this.#stored = stored;
    this.#contextual = new InMemoryTupleReader(contextual);
  }

  async readDirect(query: DirectQuery): Promise<readonly TupleRecord[]> {
    return joined(await this.#contextual.readDirect(query), await this.#stored.readDirect(query));
  }

  async readTupleset(object: string, relation: string): Promise<readonly TupleRecord[]> {
    return joined(
      await this.#contextual.readTupleset(object, relation),
      await this.#stored.readTupleset(object, relation),
    );
  }

  async readByUsers(query: UsersQuery): Promise<readonly TupleRecord[]> {
    const stored = this.#stored as Partial<ReverseTupleReader>;
    if (!stored.readByUsers) throw new Error('the stored tuple reader cannot read by user');
    return joined(await this.#contextual.readByUsers(query), await stored.readByUsers(query));
  }

  async readByObjects(objects: readonly string[]): Promise<readonly TupleRecord[]> {
    const stored = this.#stored as Partial<ReverseTupleReader>;
    if (!stored.readByObjects) throw new Error('the stored tuple reader cannot read by object');
    return joined(await this.#contextual.readByObjects(objects), await stored.readByObjects(objects));
  }
}

function joined(contextual: readonly TupleRecord[], stored: readonly TupleRecord[]): readonly TupleRecord[] {
  return contextual.length === 0 ? stored : [...contextual, ...stored];
}

/** A parsed user or object reference. */
export interface Reference {
  readonly type: string;
  readonly id: string;
  /** Set for a userset `type:id#relation`. */
  readonly relation?: string;
}

const NAME = /^[^\s:#*]+$/;
const ID = /^[^\s#:]+$/;

/** Parses `type:id`, or when `allowUserset` `type:id#relation` and `type:*`; undefined when malformed. */
export function parseReference(text: string, allowUserForms: boolean): Reference | undefined {
  const hash = text.indexOf('#');
  const head = hash === -1 ? text : text.slice(0, hash);
  const relation = hash === -1 ? undefined : text.slice(hash + 1);
  const colon = head.indexOf(':');
  if (colon === -1) return undefined;
  const type = head.slice(0, colon);
  const id = head.slice(colon + 1);
  if (!NAME.test(type) || (id !== '*' && !ID.test(id))) return undefined;
  if (!allowUserForms && (relation !== undefined || id === '*')) return undefined;
  if (relation !== undefined && (!NAME.test(relation) || id === '*')) return undefined;
  return relation === undefined ? { type, id } : { type, id, relation };
}
