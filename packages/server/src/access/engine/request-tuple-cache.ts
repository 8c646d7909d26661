/**
 * One request's reads, remembered: the checks that confirm list-objects' candidates share them, so a
 * tuple set is read once per request. `preload` reads every tuple of many objects in one batch, after
 * which reads on those objects are answered from memory (a check per candidate then costs no round
 * trip for the candidate's own tuples). Only for one request: never across requests.
 */
import type { DirectQuery, ReverseTupleReader, TupleRecord, UsersQuery } from './tuples.ts';

/** Objects per preload statement. */
const PRELOAD_BATCH = 1000;

export class RequestTupleCache implements ReverseTupleReader {
  readonly #reader: ReverseTupleReader;
  readonly #reads = new Map<string, Promise<readonly TupleRecord[]>>();
  /** Objects read whole: relation → tuples (a relation absent here has none). */
  readonly #whole = new Map<string, Map<string, TupleRecord[]>>();

  constructor(reader: ReverseTupleReader) {
    this.#reader = reader;
  }

  /** Reads every tuple of the objects, a batch at a time, so later reads on them need no round trip. */
  async preload(objects: readonly string[]): Promise<void> {
    const missing = [...new Set(objects)].filter((object) => !this.#whole.has(object));
    for (let start = 0; start < missing.length; start += PRELOAD_BATCH) {
      const batch = missing.slice(start, start + PRELOAD_BATCH);
      const tuples = await this.#reader.readByObjects(batch);
      for (const object of batch) this.#whole.set(object, new Map());
      for (const tuple of tuples) {
        const relations = this.#whole.get(tuple.object);
        const list = relations?.get(tuple.relation);
        if (list) list.push(tuple);
        else relations?.set(tuple.relation, [tuple]);
      }
    }
  }

  readDirect(query: DirectQuery): Promise<readonly TupleRecord[]> {
    const whole = this.#whole.get(query.object);
    if (whole) {
      const tuples = whole.get(query.relation) ?? [];
      return Promise.resolve(
        tuples.filter(
          (tuple) =>
            query.users.includes(tuple.user) || query.usersetTypes.includes(usersetTypeOf(tuple.user)),
        ),
      );
    }
    const key = `d|${query.object}|${query.relation}|${query.users.join(',')}|${query.usersetTypes.join(',')}`;
    return this.#remember(key, () => this.#reader.readDirect(query));
  }

  readTupleset(object: string, relation: string): Promise<readonly TupleRecord[]> {
    const whole = this.#whole.get(object);
    if (whole) return Promise.resolve(whole.get(relation) ?? []);
    return this.#remember(`t|${object}|${relation}`, () => this.#reader.readTupleset(object, relation));
  }

  /** Batches differ every time: passed through. */
  readByUsers(query: UsersQuery): Promise<readonly TupleRecord[]> {
    return this.#reader.readByUsers(query);
  }

  readByObjects(objects: readonly string[]): Promise<readonly TupleRecord[]> {
    return this.#reader.readByObjects(objects);
  }

  #remember(key: string, read: () => Promise<readonly TupleRecord[]>): Promise<readonly TupleRecord[]> {
    let pending = this.#reads.get(key);
    if (!pending) {
      pending = read();
      // A failed read is not remembered: the failure is the caller's answer, and nobody retries it.
      pending.catch(() => this.#reads.delete(key));
      this.#reads.set(key, pending);
    }
    return pending;
  }
}

/** `group:eng#member` → `group#member`; '' for a user that is not a userset. */
function usersetTypeOf(user: string): string {
  const hash = user.indexOf('#');
  if (hash === -1) return '';
  return `${user.slice(0, user.indexOf(':'))}${user.slice(hash)}`;
}
