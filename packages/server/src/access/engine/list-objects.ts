/**
 * OpenFGA's ListObjects: every object of `type` on which `user` has `relation`, complete. Like OpenFGA's
 * ReverseExpand it walks the model backwards from the user (its own tuples, its type's wildcard, and
 * for a userset the userset itself), a wave at a time: each wave reads the tuples that name every
 * newly reached user or userset in one batch (`readByUsers`), so a user who sees 10k documents through
 * groups and a folder tree costs a few reads per level, not one per object.
 *
 * An object reached only through unions, direct tuples, computed usersets and tuple-to-usersets
 * without conditions is a result as it is; one reached through an intersection, an exclusion's base or
 * a conditional tuple is a candidate that a check confirms. The checks share one resolver (one memo,
 * told every relation the walk proved) and one read cache, preloaded with the candidates' own tuples
 * in batches (`readByObjects`), so 10k candidates cost a few statements, not a few each. The answer is
 * all of the objects or an error (deadline, limit, storage, condition): never a part of them.
 */
import { CheckResolver, MAX_RESOLUTION_DEPTH, type ResolutionLimits } from './check-resolver.ts';
import { conditionEvaluator } from './condition-evaluator.ts';
import { EngineError } from './engine-error.ts';
import type { CompiledModel } from './model-types.ts';
import {
  contextualTupleProblem,
  ensureTime,
  failed,
  type QueryOutcome,
  tupleFits,
  typeOf,
  typeRelationProblem,
} from './query-support.ts';
import { RequestTupleCache } from './request-tuple-cache.ts';
import {
  type EdgeMode,
  type ReverseEdges,
  relationsLeadingTo,
  reverseEdges,
  weaker,
} from './reverse-edges.ts';
import {
  ContextualTupleReader,
  parseReference,
  type Reference,
  type ReverseTupleReader,
  type TupleRecord,
} from './tuples.ts';

export interface ListObjectsRequest {
  readonly type: string;
  readonly relation: string;
  /** `type:id`, `type:*` or `type:id#relation`. */
  readonly user: string;
  readonly contextualTuples?: readonly TupleRecord[];
  readonly context?: Readonly<Record<string, unknown>>;
}

export interface ListObjectsOptions extends ResolutionLimits {
  /** More results than this is a `result_limit_exceeded` failure (no limit unless set). */
  readonly maxResults?: number;
}

export type ListObjectsOutcome = QueryOutcome<{ readonly objects: string[] }>;

export async function listObjects(
  model: CompiledModel,
  reader: ReverseTupleReader,
  request: ListObjectsRequest,
  options: ListObjectsOptions = {},
): Promise<ListObjectsOutcome> {
  try {
    const contextual = request.contextualTuples ?? [];
    const user = validate(model, request, contextual);
    const tuples = new RequestTupleCache(
      contextual.length > 0 ? new ContextualTupleReader(reader, contextual) : reader,
    );
    const edges = reverseEdges(model);
    const walk = new ReverseWalk(edges, model, tuples, {
      relevant: relationsLeadingTo(edges, `${request.type}#${request.relation}`),
      maxDepth: options.maxDepth ?? MAX_RESOLUTION_DEPTH,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const reached = await walk.run(request.user, user);
    const resolver = new CheckResolver(
      model,
      tuples,
      conditionEvaluator(model, request.context ?? {}),
      options,
    );
    const results: string[] = [];
    const admit = (object: string) => {
      results.push(object);
      if (options.maxResults !== undefined && results.length > options.maxResults) {
        throw new EngineError('result_limit_exceeded', `more than ${options.maxResults} objects match`);
      }
    };
    const candidates: string[] = [];
    for (const entry of reached) {
      // What the walk proved is known to the checks, so a candidate's check stops where it meets it.
      if (entry.mode === 'sure') resolver.assume(entry.object, entry.relation, request.user);
      if (entry.relation !== request.relation || typeOf(entry.object) !== request.type) continue;
      if (entry.mode === 'sure') admit(entry.object);
      else candidates.push(entry.object);
    }
    // The candidates' own tuples in a few batches, rather than a few reads per candidate.
    if (candidates.length > 0) await read(() => tuples.preload(candidates));
    for (const object of candidates) {
      ensureTime(options.signal);
      const result = await resolver.resolve(object, request.relation, request.user);
      if (result instanceof EngineError) throw result;
      if (result === true) admit(object);
    }
    return { ok: true, objects: results.sort() };
  } catch (error) {
    return failed(error);
  }
}

/** OpenFGA's order: contextual tuples (2027), then the target (2021/2022), then the user (2000). */
function validate(
  model: CompiledModel,
  request: ListObjectsRequest,
  contextual: readonly TupleRecord[],
): Reference {
  const problem =
    contextualTupleProblem(model, contextual) ?? typeRelationProblem(model, request.type, request.relation);
  if (problem) throw problem;
  const user = parseReference(request.user, true);
  const userType = user && model.types.get(user.type);
  if (!user || !userType || (user.relation !== undefined && !userType.relations.has(user.relation))) {
    throw new EngineError('invalid_request', `invalid 'user' value '${request.user}'`);
  }
  return user;
}

interface Reached {
  readonly object: string;
  readonly relation: string;
  mode: EdgeMode;
  /** Hops from the user: the depth a check would meet it at (OpenFGA's limit applies alike). */
  readonly depth: number;
}

interface WalkLimits {
  /** The `type#relation`s that can lead to the target; others are not followed. */
  readonly relevant: ReadonlySet<string>;
  readonly maxDepth: number;
  readonly signal?: AbortSignal;
}

/** The set of `object#relation` the user is (or may be, for candidates) in, grown wave by wave. */
class ReverseWalk {
  readonly #edges: ReverseEdges;
  readonly #model: CompiledModel;
  readonly #reader: ReverseTupleReader;
  readonly #limits: WalkLimits;
  readonly #reached = new Map<string, Reached>();
  /** Reached entries not yet followed (new, or raised from candidate to sure). */
  #pending: Reached[] = [];
  /** Tuples naming each user or userset already read (all pairs it can appear in). */
  readonly #byUser = new Map<string, readonly TupleRecord[]>();

  constructor(edges: ReverseEdges, model: CompiledModel, reader: ReverseTupleReader, limits: WalkLimits) {
    this.#edges = edges;
    this.#model = model;
    this.#reader = reader;
    this.#limits = limits;
  }

  async run(userText: string, user: Reference): Promise<Iterable<Reached>> {
    if (user.relation !== undefined) {
      // A userset is in itself: ListObjects(group, member, group:eng#member) answers group:eng.
      this.#reach(`${user.type}:${user.id}`, user.relation, 'sure', 0);
    } else {
      const users = user.id === '*' ? [userText] : [userText, `${user.type}:*`];
      await this.#load(users.map((text) => ({ text, kind: user.type })));
      for (const text of users)
        for (const tuple of this.#byUser.get(text) ?? []) this.#followDirect(tuple, 'sure', 0);
    }
    while (this.#pending.length > 0) {
      ensureTime(this.#limits.signal);
      const wave = this.#pending;
      this.#pending = [];
      const reads: Array<{ text: string; kind: string }> = [];
      for (const entry of wave) {
        const type = typeOf(entry.object);
        for (const edge of this.#edges.computed.get(`${type}#${entry.relation}`) ?? []) {
          this.#reach(entry.object, edge.relation, weaker(entry.mode, edge.mode), entry.depth + 1);
        }
        reads.push({ text: `${entry.object}#${entry.relation}`, kind: `${type}#${entry.relation}` });
        if (this.#edges.tupleToUserset.has(`${type}#${entry.relation}`))
          reads.push({ text: entry.object, kind: type });
      }
      await this.#load(reads);
      for (const entry of wave) this.#follow(entry);
    }
    return this.#reached.values();
  }

  /** Reads, in one batch, the tuples naming each user not read yet. */
  async #load(users: ReadonlyArray<{ text: string; kind: string }>): Promise<void> {
    const missing = new Map<string, readonly string[]>();
    for (const { text, kind } of users) {
      if (this.#byUser.has(text) || missing.has(text)) continue;
      const pairs = this.#edges.pairsForUser.get(kind) ?? [];
      if (pairs.length === 0) this.#byUser.set(text, []);
      else missing.set(text, pairs);
    }
    if (missing.size === 0) return;
    const objectRelations = [...new Set([...missing.values()].flat())];
    const tuples = await read(() =>
      this.#reader.readByUsers({ users: [...missing.keys()], objectRelations }),
    );
    ensureTime(this.#limits.signal);
    const grouped = new Map<string, TupleRecord[]>([...missing.keys()].map((text) => [text, []]));
    for (const tuple of tuples) grouped.get(tuple.user)?.push(tuple);
    for (const [text, list] of grouped) this.#byUser.set(text, list);
  }

  /** Follows the userset tuples naming `object#relation` and the tupleset tuples naming `object`. */
  #follow(entry: Reached): void {
    for (const tuple of this.#byUser.get(`${entry.object}#${entry.relation}`) ?? []) {
      this.#followDirect(tuple, entry.mode, entry.depth + 1);
    }
    const edges = this.#edges.tupleToUserset.get(`${typeOf(entry.object)}#${entry.relation}`);
    if (!edges) return;
    const reference = parseReference(entry.object, false);
    if (!reference) return;
    for (const tuple of this.#byUser.get(entry.object) ?? []) {
      const type = typeOf(tuple.object);
      for (const edge of edges) {
        if (edge.type !== type || edge.tupleset !== tuple.relation) continue;
        const restrictions =
          this.#model.types.get(type)?.relations.get(tuple.relation)?.directlyRelated ?? [];
        if (!tupleFits(tuple, reference, restrictions)) continue;
        const mode = weaker(weaker(entry.mode, edge.mode), conditionMode(tuple));
        this.#reach(tuple.object, edge.relation, mode, entry.depth + 1);
      }
    }
  }

  /** A tuple naming the user (or a userset it is in) puts it in the tuple's relation's direct part. */
  #followDirect(tuple: TupleRecord, mode: EdgeMode, depth: number): void {
    const type = typeOf(tuple.object);
    const directMode = this.#edges.direct.get(`${type}#${tuple.relation}`);
    if (directMode === undefined) return;
    const reference = parseReference(tuple.user, true);
    const restrictions = this.#model.types.get(type)?.relations.get(tuple.relation)?.directlyRelated ?? [];
    if (!reference || !tupleFits(tuple, reference, restrictions)) return;
    this.#reach(tuple.object, tuple.relation, weaker(weaker(mode, directMode), conditionMode(tuple)), depth);
  }

  #reach(object: string, relation: string, mode: EdgeMode, depth: number): void {
    if (!this.#limits.relevant.has(`${typeOf(object)}#${relation}`)) return;
    const key = `${object}#${relation}`;
    const known = this.#reached.get(key);
    if (known && (known.mode === 'sure' || known.mode === mode)) return;
    // Waves go outwards, so the first path to a relation is the shortest: past the limit, a check
    // would fail there too (OpenFGA answers 2002), so the list does rather than leave it out.
    if (!known && depth >= this.#limits.maxDepth) {
      throw new EngineError(
        'depth_exceeded',
        `resolution exceeded the depth limit of ${this.#limits.maxDepth}`,
      );
    }
    if (known) known.mode = mode;
    const entry = known ?? { object, relation, mode, depth };
    if (!known) this.#reached.set(key, entry);
    this.#pending.push(entry);
  }
}

/** A storage failure is an engine failure (`storage_error`), so the list fails rather than shrinks. */
async function read<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new EngineError(
      'storage_error',
      `reading tuples failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** A conditional tuple holds only if its condition does: the object needs a check. */
function conditionMode(tuple: TupleRecord): EdgeMode {
  return tuple.condition === undefined ? 'sure' : 'candidate';
}
