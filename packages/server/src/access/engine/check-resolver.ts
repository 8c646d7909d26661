/**
 * OpenFGA's check, resolved over a compiled model and a TupleReader. Each sub-check is memoized for the
 * request (deduplication), a sub-check met again on its own path is a cycle (not an allow), and going
 * past the depth limit is a failure, never an allow.
 *
 * A resolution is true, false, CYCLE (false because the path came back on itself) or an EngineError.
 * They combine as OpenFGA's: a union is true if any branch is true (else an error if any branch failed);
 * an intersection is false if any branch is false; an exclusion is false when its base is false, its
 * subtraction true, or either side met a cycle (so `viewer but not restricted`, with `restricted`
 * reaching back to `viewer`, is never an allow).
 */
import { EngineError } from './engine-error.ts';
import type { CompiledModel, CompiledRelation, DirectlyRelatedType, Rewrite } from './model-types.ts';
import { parseReference, type Reference, type TupleReader, type TupleRecord } from './tuples.ts';

/** OpenFGA's default resolution depth limit. */
export const MAX_RESOLUTION_DEPTH = 25;

/** A denial caused by a cycle: not memoized (it depends on the path) and it poisons an exclusion. */
export const CYCLE = Symbol('cycle');

export type Resolution = boolean | typeof CYCLE | EngineError;

/** Decides whether a tuple's condition holds (condition-evaluator.ts); throws EngineError when it cannot. */
export type ConditionCheck = (tuple: TupleRecord) => boolean;

interface PathNode {
  readonly key: string;
  readonly parent: PathNode | undefined;
}

export interface ResolutionLimits {
  /** OpenFGA's resolution depth limit (25 unless set). */
  readonly maxDepth?: number;
  /** The request's deadline: once aborted, every pending read ends the check with a failure. */
  readonly signal?: AbortSignal;
}

export class CheckResolver {
  readonly #model: CompiledModel;
  readonly #reader: TupleReader;
  readonly #conditionHolds: ConditionCheck;
  readonly #memo = new Map<string, Promise<Resolution>>();
  readonly #maxDepth: number;
  readonly #signal: AbortSignal | undefined;

  constructor(
    model: CompiledModel,
    reader: TupleReader,
    conditionHolds: ConditionCheck,
    limits: ResolutionLimits = {},
  ) {
    this.#model = model;
    this.#reader = reader;
    this.#conditionHolds = conditionHolds;
    this.#maxDepth = limits.maxDepth ?? MAX_RESOLUTION_DEPTH;
    this.#signal = limits.signal;
  }

  /**
   * Records a relation known to hold (list-objects found it through unions alone), so that checks
   * through it in this request need not resolve it again.
   */
  assume(object: string, relation: string, user: string): void {
    this.#memo.set(`${object}#${relation}@${user}`, Promise.resolve(true));
  }

  /** Is `user` related to `object` by `relation`? Both already validated against the model. */
  resolve(object: string, relation: string, user: string): Promise<Resolution> {
    return this.#check(object, relation, user, 0, undefined);
  }

  #check(
    object: string,
    relation: string,
    user: string,
    depth: number,
    path: PathNode | undefined,
  ): Promise<Resolution> {
    if (depth >= this.#maxDepth) {
      return Promise.resolve(
        new EngineError('depth_exceeded', `resolution exceeded the depth limit of ${this.#maxDepth}`),
      );
    }
    const key = `${object}#${relation}@${user}`;
    for (let node = path; node; node = node.parent) if (node.key === key) return Promise.resolve(CYCLE);
    // OpenFGA: a userset is in itself (`group:eng#member` is a `group:eng#member`), at every level.
    if (user === `${object}#${relation}`) return Promise.resolve(true);
    const known = this.#memo.get(key);
    if (known) return known;
    const definition = this.#model.types.get(typeOf(object))?.relations.get(relation);
    // A tuple-to-userset may reach a type without the computed relation: OpenFGA treats it as no access.
    if (!definition) return Promise.resolve(false);
    const pending = this.#rewrite(object, definition, definition.rewrite, user, depth, {
      key,
      parent: path,
    }).then((result) => {
      // A cycle or the depth limit depends on the path that met it: another path, shallower or not
      // through the loop, must resolve this sub-check afresh (forgotten before anyone sees the result).
      if (isPathDependent(result) && this.#memo.get(key) === pending) this.#memo.delete(key);
      return result;
    });
    this.#memo.set(key, pending);
    return pending;
  }

  async #rewrite(
    object: string,
    definition: CompiledRelation,
    rewrite: Rewrite,
    user: string,
    depth: number,
    path: PathNode,
  ): Promise<Resolution> {
    switch (rewrite.kind) {
      case 'this':
        return this.#direct(object, definition, user, depth, path);
      case 'computed':
        return this.#check(object, rewrite.relation, user, depth + 1, path);
      case 'tupleToUserset':
        return this.#tupleToUserset(object, rewrite.tupleset, rewrite.computedRelation, user, depth, path);
      case 'union':
        return anyOf(
          rewrite.children.map((child) => () => this.#rewrite(object, definition, child, user, depth, path)),
        );
      case 'intersection': {
        let failure: EngineError | undefined;
        for (const child of rewrite.children) {
          const result = await this.#rewrite(object, definition, child, user, depth, path);
          if (result === false || result === CYCLE) return result;
          if (result instanceof EngineError) failure ??= result;
        }
        return failure ?? true;
      }
      case 'difference': {
        const base = await this.#rewrite(object, definition, rewrite.base, user, depth, path);
        if (base === false || base === CYCLE) return base;
        const subtract = await this.#rewrite(object, definition, rewrite.subtract, user, depth, path);
        if (subtract === true) return false;
        if (subtract === CYCLE) return CYCLE;
        if (base instanceof EngineError) return base;
        if (subtract instanceof EngineError) return subtract;
        return true;
      }
    }
  }

  /** Direct tuples: the user itself, the typed wildcard, and usersets that contain the user. */
  async #direct(
    object: string,
    definition: CompiledRelation,
    user: string,
    depth: number,
    path: PathNode,
  ): Promise<Resolution> {
    const restrictions = definition.directlyRelated;
    const userReference = parseReference(user, true);
    if (!userReference) return false;
    const users = [user];
    const plainUser = userReference.id !== '*' && userReference.relation === undefined;
    if (plainUser && restrictions.some((r) => r.wildcard && r.type === userReference.type)) {
      users.push(`${userReference.type}:*`);
    }
    const usersetTypes = [
      ...new Set(restrictions.flatMap((r) => (r.relation === undefined ? [] : [`${r.type}#${r.relation}`]))),
    ];
    // One read (one round trip for the SQL store) brings the user's own tuples, its wildcard's, and
    // the usersets to expand.
    const tuples = await this.#read(() =>
      this.#reader.readDirect({ object, relation: definition.name, users, usersetTypes }),
    );
    if (tuples instanceof EngineError) return tuples;
    const own = this.#anyTupleHolds(
      tuples.filter((tuple) => users.includes(tuple.user)),
      restrictions,
    );
    if (own === true) return true;
    const expanded = await anyOf(
      tuples.map((tuple) => () => {
        if (users.includes(tuple.user)) return false;
        const reference = parseReference(tuple.user, true);
        if (!reference?.relation) return false;
        const allowed = this.#tupleAllowed(tuple, reference, restrictions);
        if (allowed !== true) return allowed;
        return this.#check(`${reference.type}:${reference.id}`, reference.relation, user, depth + 1, path);
      }),
    );
    if (expanded === true) return true;
    return own instanceof EngineError ? own : expanded;
  }

  async #tupleToUserset(
    object: string,
    tupleset: string,
    computedRelation: string,
    user: string,
    depth: number,
    path: PathNode,
  ): Promise<Resolution> {
    const restrictions =
      this.#model.types.get(typeOf(object))?.relations.get(tupleset)?.directlyRelated ?? [];
    const tuples = await this.#read(() => this.#reader.readTupleset(object, tupleset));
    if (tuples instanceof EngineError) return tuples;
    return anyOf(
      tuples.map((tuple) => () => {
        const reference = parseReference(tuple.user, true);
        // Only plain objects are followed: a wildcard or userset in a tupleset relates nothing.
        if (!reference || reference.relation || reference.id === '*') return Promise.resolve(false);
        const allowed = this.#tupleAllowed(tuple, reference, restrictions);
        if (allowed !== true) return Promise.resolve(allowed);
        return this.#check(tuple.user, computedRelation, user, depth + 1, path);
      }),
    );
  }

  #anyTupleHolds(
    tuples: readonly TupleRecord[] | EngineError,
    restrictions: readonly DirectlyRelatedType[],
  ): Resolution {
    if (tuples instanceof EngineError) return tuples;
    let failure: EngineError | undefined;
    for (const tuple of tuples) {
      const reference = parseReference(tuple.user, true);
      if (!reference) continue;
      const allowed = this.#tupleAllowed(tuple, reference, restrictions);
      if (allowed === true) return true;
      if (allowed instanceof EngineError) failure ??= allowed;
    }
    return failure ?? false;
  }

  /** A tuple counts only if the model still allows its user type (and condition), and its condition holds. */
  #tupleAllowed(
    tuple: TupleRecord,
    user: Reference,
    restrictions: readonly DirectlyRelatedType[],
  ): Resolution {
    const condition = tuple.condition?.name;
    const fits = restrictions.some(
      (r) =>
        r.type === user.type &&
        r.condition === condition &&
        (user.relation !== undefined
          ? r.relation === user.relation
          : r.relation === undefined && r.wildcard === (user.id === '*')),
    );
    if (!fits) return false;
    if (condition === undefined) return true;
    try {
      return this.#conditionHolds(tuple);
    } catch (error) {
      if (error instanceof EngineError) return error;
      return new EngineError('condition_error', error instanceof Error ? error.message : String(error));
    }
  }

  async #read(read: () => Promise<readonly TupleRecord[]>): Promise<readonly TupleRecord[] | EngineError> {
    if (this.#signal?.aborted) return new EngineError('deadline_exceeded', 'the check ran out of time');
    try {
      const tuples = await read();
      if (this.#signal?.aborted) return new EngineError('deadline_exceeded', 'the check ran out of time');
      return tuples;
    } catch (error) {
      return new EngineError(
        'storage_error',
        `reading tuples failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/** OpenFGA's union: the first true wins; otherwise the first error; otherwise false. Sequential, so a
 * sub-check still in progress is always on the current path (the memo never awaits itself). */
async function anyOf(branches: ReadonlyArray<() => Promise<Resolution> | Resolution>): Promise<Resolution> {
  let failure: EngineError | undefined;
  let cycle = false;
  for (const branch of branches) {
    const result = await branch();
    if (result === true) return true;
    if (result instanceof EngineError) failure ??= result;
    if (result === CYCLE) cycle = true;
  }
  return failure ?? (cycle ? CYCLE : false);
}

function isPathDependent(result: Resolution): boolean {
  return result === CYCLE || (result instanceof EngineError && result.kind === 'depth_exceeded');
}

function typeOf(object: string): string {
  const colon = object.indexOf(':');
  return colon === -1 ? object : object.slice(0, colon);
}
