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

export interface TupleReader {
  /** Tuples on `object#relation` whose user is exactly `user` (an object, a wildcard or a userset). */
  readExact(object: string, relation: string, user: string): Promise<readonly TupleRecord[]>;
  /** Tuples on `object#relation` whose user is a userset (`type:id#relation`). */
  readUsersets(object: string, relation: string): Promise<readonly TupleRecord[]>;
  /** Every tuple on `object#relation` (the tupleset of a tuple-to-userset). */
  readAll(object: string, relation: string): Promise<readonly TupleRecord[]>;
}

export class InMemoryTupleReader implements TupleReader {
  readonly #byObjectRelation = new Map<string, TupleRecord[]>();

  constructor(tuples: Iterable<TupleRecord> = []) {
    for (const tuple of tuples) this.add(tuple);
  }

  add(tuple: TupleRecord): void {
    const key = `${tuple.object}#${tuple.relation}`;
    const list = this.#byObjectRelation.get(key);
    if (list) list.push(tuple);
    else this.#byObjectRelation.set(key, [tuple]);
  }

  async readExact(object: string, relation: string, user: string): Promise<readonly TupleRecord[]> {
    return this.#list(object, relation).filter((tuple) => tuple.user === user);
  }

  async readUsersets(object: string, relation: string): Promise<readonly TupleRecord[]> {
    return this.#list(object, relation).filter((tuple) => tuple.user.includes('#'));
  }

  async readAll(object: string, relation: string): Promise<readonly TupleRecord[]> {
    return this.#list(object, relation);
  }

  #list(object: string, relation: string): TupleRecord[] {
    return this.#byObjectRelation.get(`${object}#${relation}`) ?? [];
  }
}

/** A request's contextual tuples layered over the stored ones (OpenFGA reads both). */
export class ContextualTupleReader implements TupleReader {
  readonly #stored: TupleReader;
  readonly #contextual: InMemoryTupleReader;

  constructor(stored: TupleReader, contextual: readonly TupleRecord[]) {
    this.#stored = stored;
    this.#contextual = new InMemoryTupleReader(contextual);
  }

  async readExact(object: string, relation: string, user: string): Promise<readonly TupleRecord[]> {
    const [extra, stored] = await Promise.all([
      this.#contextual.readExact(object, relation, user),
      this.#stored.readExact(object, relation, user),
    ]);
    return extra.length === 0 ? stored : [...extra, ...stored];
  }

  async readUsersets(object: string, relation: string): Promise<readonly TupleRecord[]> {
    const extra = await this.#contextual.readUsersets(object, relation);
    const stored = await this.#stored.readUsersets(object, relation);
    return extra.length === 0 ? stored : [...extra, ...stored];
  }

  async readAll(object: string, relation: string): Promise<readonly TupleRecord[]> {
    const extra = await this.#contextual.readAll(object, relation);
    const stored = await this.#stored.readAll(object, relation);
    return extra.length === 0 ? stored : [...extra, ...stored];
  }
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
