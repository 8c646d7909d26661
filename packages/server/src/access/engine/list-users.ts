/**
 * OpenFGA's ListUsers: the users of the filter's type (or the usersets of the filter's `type#relation`,
 * or that type's wildcard) related to `object` by `relation`. A port of OpenFGA's own algorithm
 * (pkg/server/commands/listusers): expand forwards from the object, following usersets and
 * tuple-to-usersets, combining children as OpenFGA does (an intersection counts a child with the
 * wildcard as containing everyone; an exclusion reports the users its subtraction removes, so a union
 * or intersection above it can drop them). Complete: no result cap, and a deadline, the depth limit,
 * a storage error or a condition error fails the whole request rather than shortening the list.
 * list-users-combine.ts holds the union / intersection / exclusion rules.
 */
import { MAX_RESOLUTION_DEPTH, type ResolutionLimits } from './check-resolver.ts';
import { conditionEvaluator } from './condition-evaluator.ts';
import { EngineError } from './engine-error.ts';
import { combineExclusion, combineIntersection, combineUnion, type FoundUser } from './list-users-combine.ts';
import type { CompiledModel, Rewrite } from './model-types.ts';
import {
  contextualTupleProblem,
  ensureTime,
  failed,
  type QueryOutcome,
  tupleFits,
  typeOf,
  typeRelationProblem,
} from './query-support.ts';
import { ContextualTupleReader, parseReference, type TupleReader, type TupleRecord } from './tuples.ts';

export interface UserFilter {
  readonly type: string;
  readonly relation?: string;
}

export interface ListUsersRequest {
  readonly object: string;
  readonly relation: string;
  readonly userFilters: readonly UserFilter[];
  readonly contextualTuples?: readonly TupleRecord[];
  readonly context?: Readonly<Record<string, unknown>>;
}

/** OpenFGA's User: one of a plain object, a userset, or a typed wildcard. */
export type ListedUser =
  | { readonly object: { readonly type: string; readonly id: string } }
  | { readonly userset: { readonly type: string; readonly id: string; readonly relation: string } }
  | { readonly wildcard: { readonly type: string } };

export type ListUsersOutcome = QueryOutcome<{ readonly users: ListedUser[] }>;

export interface ListUsersOptions extends ResolutionLimits {
  /** More users than this is a `result_limit_exceeded` failure (no limit unless set). */
  readonly maxResults?: number;
}

interface Step {
  readonly object: string;
  readonly relation: string;
  readonly depth: number;
  /** The `object#relation`s on this path (a userset met again is a cycle). */
  readonly visited: ReadonlySet<string>;
}

interface Expansion {
  readonly found: FoundUser[];
  readonly hasCycle: boolean;
  readonly error?: EngineError;
}

export async function listUsers(
  model: CompiledModel,
  reader: TupleReader,
  request: ListUsersRequest,
  options: ListUsersOptions = {},
): Promise<ListUsersOutcome> {
  try {
    const contextual = request.contextualTuples ?? [];
    validate(model, request, contextual);
    const tuples = contextual.length > 0 ? new ContextualTupleReader(reader, contextual) : reader;
    const lister = new UserLister(model, tuples, request, options);
    const result = await lister.expand({
      object: request.object,
      relation: request.relation,
      depth: 0,
      visited: new Set(),
    });
    if (result.error) throw result.error;
    // As OpenFGA: the last word on each user stands, and users found only as removed are dropped.
    const last = new Map<string, FoundUser>();
    for (const found of result.found) last.set(found.user, found);
    const users = [...last.values()].filter((found) => found.related).map((found) => listedUser(found.user));
    if (options.maxResults !== undefined && users.length > options.maxResults) {
      throw new EngineError('result_limit_exceeded', `more than ${options.maxResults} users match`);
    }
    return { ok: true, users };
  } catch (error) {
    return failed(error);
  }
}

/** OpenFGA's order: contextual tuples (2027), the filters (2021/2022), then the target (2021/2022). */
function validate(model: CompiledModel, request: ListUsersRequest, contextual: readonly TupleRecord[]): void {
  const problem = contextualTupleProblem(model, contextual);
  if (problem) throw problem;
  if (request.userFilters.length === 0)
    throw new EngineError('invalid_request', 'user_filters must name a type');
  for (const filter of request.userFilters) {
    const filterProblem = typeRelationProblem(model, filter.type, filter.relation);
    if (filterProblem) throw filterProblem;
  }
  const object = parseReference(request.object, false);
  if (!object) throw new EngineError('invalid_request', `invalid object '${request.object}'`);
  const targetProblem = typeRelationProblem(model, object.type, request.relation);
  if (targetProblem) throw targetProblem;
}

class UserLister {
  readonly #model: CompiledModel;
  readonly #reader: TupleReader;
  readonly #filters: readonly UserFilter[];
  readonly #conditionHolds: (tuple: TupleRecord) => boolean;
  readonly #maxDepth: number;
  readonly #signal: AbortSignal | undefined;
  readonly #wildcard: string;
  readonly #reads = new Map<string, Promise<readonly TupleRecord[]>>();

  constructor(
    model: CompiledModel,
    reader: TupleReader,
    request: ListUsersRequest,
    options: ListUsersOptions,
  ) {
    this.#model = model;
    this.#reader = reader;
    this.#filters = request.userFilters;
    this.#conditionHolds = conditionEvaluator(model, request.context ?? {});
    this.#maxDepth = options.maxDepth ?? MAX_RESOLUTION_DEPTH;
    this.#signal = options.signal;
    this.#wildcard = `${request.userFilters[0]?.type}:*`;
  }

  async expand(step: Step): Promise<Expansion> {
    ensureTime(this.#signal);
    if (step.depth >= this.#maxDepth) {
      const error = new EngineError(
        'depth_exceeded',
        `resolution exceeded the depth limit of ${this.#maxDepth}`,
      );
      return { found: [], hasCycle: false, error };
    }
    const key = `${step.object}#${step.relation}`;
    if (step.visited.has(key)) return { found: [], hasCycle: true };
    const next: Step = { ...step, depth: step.depth + 1, visited: new Set([...step.visited, key]) };
    const found: FoundUser[] = [];
    // The userset itself, when it is what the filter asks for.
    const type = typeOf(step.object);
    for (const filter of this.#filters) {
      if (filter.type === type && filter.relation === step.relation) {
        found.push({ user: key, related: true, excluded: [] });
      }
    }
    const definition = this.#model.types.get(type)?.relations.get(step.relation);
    if (!definition) return { found, hasCycle: false };
    const result = await this.#rewrite(next, definition.rewrite);
    return { ...result, found: [...found, ...result.found] };
  }

  async #rewrite(step: Step, rewrite: Rewrite): Promise<Expansion> {
    switch (rewrite.kind) {
      case 'this':
        return this.#direct(step);
      case 'computed':
        return this.expand({ ...step, relation: rewrite.relation });
      case 'tupleToUserset':
        return this.#tupleToUserset(step, rewrite.tupleset, rewrite.computedRelation);
      case 'union': {
        const children = await this.#children(step, rewrite.children);
        return {
          found: combineUnion(children.map((child) => child.found)),
          hasCycle: false,
          ...errorOf(children),
        };
      }
      case 'intersection': {
        const children = await this.#children(step, rewrite.children);
        const found = combineIntersection(
          children.map((child) => child.found),
          this.#wildcard,
        );
        return { found, hasCycle: false, ...errorOf(children) };
      }
      case 'difference': {
        const [base, subtract] = await this.#children(step, [rewrite.base, rewrite.subtract]);
        if (!base || !subtract) throw new Error('unreachable');
        // As OpenFGA: a subtraction that met a cycle makes the exclusion relate nobody, without error.
        if (subtract.hasCycle) return { found: [], hasCycle: false };
        const found = combineExclusion(base.found, subtract.found, this.#wildcard);
        return { found, hasCycle: false, ...errorOf([base, subtract]) };
      }
    }
  }

  async #children(step: Step, rewrites: readonly Rewrite[]): Promise<Expansion[]> {
    const results: Expansion[] = [];
    for (const rewrite of rewrites) results.push(await this.#rewrite(step, rewrite));
    return results;
  }

  async #direct(step: Step): Promise<Expansion> {
    const tuples = await this.#read(step.object, step.relation);
    const found: FoundUser[] = [];
    let hasCycle = false;
    let error: EngineError | undefined;
    for (const { tuple, user } of tuples) {
      const holds = this.#holds(tuple);
      if (holds instanceof EngineError) error ??= holds;
      if (holds !== true) continue;
      if (user.relation === undefined) {
        for (const filter of this.#filters) {
          if (filter.type === user.type) found.push({ user: tuple.user, related: true, excluded: [] });
        }
        continue;
      }
      const result = await this.expand({
        ...step,
        object: `${user.type}:${user.id}`,
        relation: user.relation,
      });
      found.push(...result.found);
      if (result.hasCycle) hasCycle = true;
      if (result.error) error ??= result.error;
    }
    return error ? { found, hasCycle, error } : { found, hasCycle };
  }

  async #tupleToUserset(step: Step, tupleset: string, computedRelation: string): Promise<Expansion> {
    const tuples = await this.#read(step.object, tupleset);
    const found: FoundUser[] = [];
    let error: EngineError | undefined;
    for (const { tuple, user } of tuples) {
      const holds = this.#holds(tuple);
      if (holds instanceof EngineError) error ??= holds;
      if (holds !== true) continue;
      const result = await this.expand({
        ...step,
        object: `${user.type}:${user.id}`,
        relation: computedRelation,
      });
      found.push(...result.found);
      if (result.error) error ??= result.error;
    }
    return error ? { found, hasCycle: false, error } : { found, hasCycle: false };
  }

  /** The tuples on `object#relation` the model still allows (OpenFGA filters the others out); each
   * `object#relation` is read once per request, however many paths lead to it. */
  async #read(object: string, relation: string) {
    const restrictions =
      this.#model.types.get(typeOf(object))?.relations.get(relation)?.directlyRelated ?? [];
    let tuples: readonly TupleRecord[];
    try {
      const key = `${object}#${relation}`;
      let pending = this.#reads.get(key);
      if (!pending) {
        pending = this.#reader.readTupleset(object, relation);
        this.#reads.set(key, pending);
      }
      tuples = await pending;
    } catch (error) {
      throw new EngineError(
        'storage_error',
        `reading tuples failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    ensureTime(this.#signal);
    return tuples.flatMap((tuple) => {
      const user = parseReference(tuple.user, true);
      return user && tupleFits(tuple, user, restrictions) ? [{ tuple, user }] : [];
    });
  }

  #holds(tuple: TupleRecord): boolean | EngineError {
    try {
      return this.#conditionHolds(tuple);
    } catch (error) {
      if (error instanceof EngineError) return error;
      return new EngineError('condition_error', error instanceof Error ? error.message : String(error));
    }
  }
}

function errorOf(children: readonly Expansion[]): { error?: EngineError } {
  const error = children.find((child) => child.error)?.error;
  return error ? { error } : {};
}

/** `user:anne` / `group:eng#member` / `user:*` → OpenFGA's User JSON. */
export function listedUser(text: string): ListedUser {
  const reference = parseReference(text, true);
  if (!reference) throw new EngineError('storage_error', `unparsable user '${text}'`);
  if (reference.id === '*') return { wildcard: { type: reference.type } };
  if (reference.relation !== undefined) {
    return { userset: { type: reference.type, id: reference.id, relation: reference.relation } };
  }
  return { object: { type: reference.type, id: reference.id } };
}

/** OpenFGA's User JSON → `user:anne` / `group:eng#member` / `user:*`. */
export function userText(user: ListedUser): string {
  if ('wildcard' in user) return `${user.wildcard.type}:*`;
  if ('userset' in user) return `${user.userset.type}:${user.userset.id}#${user.userset.relation}`;
  return `${user.object.type}:${user.object.id}`;
}
