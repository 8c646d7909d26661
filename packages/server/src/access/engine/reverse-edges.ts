/**
 * A model read backwards, for list-objects: from a relation a user is known to have on an object, the
 * relations that follow (computed usersets on the same object, tuple-to-usersets on objects that name
 * it in a tupleset, userset tuples that name `object#relation`). Each edge is `sure` when it passes only
 * through unions, or `candidate` when it passes through an intersection or an exclusion's base (a
 * check must confirm it); an exclusion's subtracted side gives no edge. Built once per compiled model.
 */
import type { CompiledModel, Rewrite } from './model-types.ts';

export type EdgeMode = 'sure' | 'candidate';

export interface TupleToUsersetEdge {
  /** The type whose relation follows, the tupleset relation on it, and the relation that follows. */
  readonly type: string;
  readonly tupleset: string;
  readonly relation: string;
  readonly mode: EdgeMode;
}

export interface ReverseEdges {
  /** `type#relation` → relations of the same type computed from it. */
  readonly computed: ReadonlyMap<string, ReadonlyArray<{ relation: string; mode: EdgeMode }>>;
  /** `type#relation` (of the tupleset's user) → tuple-to-usersets that reach through it. */
  readonly tupleToUserset: ReadonlyMap<string, readonly TupleToUsersetEdge[]>;
  /** `type#relation` → how a direct tuple on it counts (absent: the relation has no direct part). */
  readonly direct: ReadonlyMap<string, EdgeMode>;
  /**
   * Where a user can appear in a tuple: `type` (a plain user, object or typed wildcard) or
   * `type#relation` (a userset) → the `type#relation` pairs whose restrictions name it.
   */
  readonly pairsForUser: ReadonlyMap<string, readonly string[]>;
}

const cache = new WeakMap<CompiledModel, ReverseEdges>();
const relevance = new WeakMap<ReverseEdges, Map<string, ReadonlySet<string>>>();

export function reverseEdges(model: CompiledModel): ReverseEdges {
  let edges = cache.get(model);
  if (!edges) {
    edges = buildReverseEdges(model);
    cache.set(model, edges);
  }
  return edges;
}

/**
 * The `type#relation`s from which `target` can be reached: the walk leaves the others alone, so it only
 * reads what can lead to the answer (OpenFGA prunes its graph the same way).
 */
export function relationsLeadingTo(edges: ReverseEdges, target: string): ReadonlySet<string> {
  let byTarget = relevance.get(edges);
  if (!byTarget) {
    byTarget = new Map();
    relevance.set(edges, byTarget);
  }
  let found = byTarget.get(target);
  if (found) return found;
  const predecessors = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    const list = predecessors.get(to);
    if (list) list.push(from);
    else predecessors.set(to, [from]);
  };
  for (const [from, list] of edges.computed)
    for (const edge of list) link(from, `${from.slice(0, from.indexOf('#'))}#${edge.relation}`);
  for (const [from, list] of edges.tupleToUserset)
    for (const edge of list) link(from, `${edge.type}#${edge.relation}`);
  for (const [from, pairs] of edges.pairsForUser) {
    if (from.includes('#')) for (const pair of pairs) link(from, pair);
  }
  const reached = new Set([target]);
  const queue = [target];
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    for (const from of predecessors.get(node) ?? []) {
      if (!reached.has(from)) {
        reached.add(from);
        queue.push(from);
      }
    }
  }
  found = reached;
  byTarget.set(target, found);
  return found;
}

export function weaker(a: EdgeMode, b: EdgeMode): EdgeMode {
  return a === 'sure' && b === 'sure' ? 'sure' : 'candidate';
}

function buildReverseEdges(model: CompiledModel): ReverseEdges {
  const computed = new Map<string, Array<{ relation: string; mode: EdgeMode }>>();
  const tupleToUserset = new Map<string, TupleToUsersetEdge[]>();
  const direct = new Map<string, EdgeMode>();
  const pairsForUser = new Map<string, string[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  for (const type of model.types.values()) {
    for (const relation of type.relations.values()) {
      const pair = `${type.name}#${relation.name}`;
      const userKeys = new Set(
        relation.directlyRelated.map((r) => (r.relation === undefined ? r.type : `${r.type}#${r.relation}`)),
      );
      for (const key of userKeys) push(pairsForUser, key, pair);

      const visit = (rewrite: Rewrite, mode: EdgeMode): void => {
        switch (rewrite.kind) {
          case 'this':
            direct.set(pair, direct.get(pair) === 'sure' ? 'sure' : mode);
            return;
          case 'computed':
            push(computed, `${type.name}#${rewrite.relation}`, { relation: relation.name, mode });
            return;
          case 'tupleToUserset': {
            const tupleset = type.relations.get(rewrite.tupleset);
            const targets = new Set(
              (tupleset?.directlyRelated ?? [])
                .filter((r) => r.relation === undefined && !r.wildcard)
                .map((r) => r.type),
            );
            for (const target of targets) {
              // A tupleset object whose type lacks the computed relation relates nothing (as in check).
              if (!model.types.get(target)?.relations.has(rewrite.computedRelation)) continue;
              push(tupleToUserset, `${target}#${rewrite.computedRelation}`, {
                type: type.name,
                tupleset: rewrite.tupleset,
                relation: relation.name,
                mode,
              });
            }
            return;
          }
          case 'union':
            for (const child of rewrite.children) visit(child, mode);
            return;
          case 'intersection':
            for (const child of rewrite.children) visit(child, 'candidate');
            return;
          case 'difference':
            visit(rewrite.base, 'candidate');
            return;
        }
      };
      visit(relation.rewrite, 'sure');
    }
  }
  return { computed, tupleToUserset, direct, pairsForUser };
}
