/**
 * A check's closure plan, built once per compiled model and checked relation: which tuples a check of
 * that relation may read below the checked object, so that one statement can read them all before the
 * resolver starts (closure-cache.ts answers the resolver's reads from them). From the checked relation
 * the plan visits every relation the check can reach (computed relations, the usersets a direct
 * relation allows: `viewer: [group#member]` → group#member, tuple-to-usersets: `viewer from parent` →
 * folder#viewer) and collects the edges to follow and, per relation, what to read on each object
 * reached: the checked user's own tuples, the usersets to follow and the tuplesets whole, which is what
 * the resolver's readDirect and readTupleset would ask for, whatever path it takes.
 */
import type { CompiledModel, Rewrite } from './model-types.ts';
import { type ClosureEdge, type ClosurePlan, type ClosureRelation, parseReference } from './tuples.ts';

const plans = new WeakMap<CompiledModel, Map<string, ClosurePlan>>();

/** The plan for checks of `objectType#relation`: only the relations such a check can reach. */
export function closurePlan(model: CompiledModel, objectType: string, relation: string): ClosurePlan {
  let byTarget = plans.get(model);
  if (!byTarget) {
    byTarget = new Map();
    plans.set(model, byTarget);
  }
  const key = `${objectType}#${relation}`;
  let plan = byTarget.get(key);
  if (!plan) {
    plan = buildPlan(model, objectType, relation);
    byTarget.set(key, plan);
  }
  return plan;
}

function buildPlan(model: CompiledModel, objectType: string, relation: string): ClosurePlan {
  const follow = new Map<string, ClosureEdge>();
  const tuplesets = new Map<string, ClosureRelation>();
  const directs = new Map<string, ClosureRelation>();
  const visited = new Set<string>();
  const pending: Array<[string, string]> = [[objectType, relation]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [typeName, relationName] = next;
    if (visited.has(`${typeName}#${relationName}`)) continue;
    visited.add(`${typeName}#${relationName}`);
    const type = model.types.get(typeName);
    const definition = type?.relations.get(relationName);
    if (!type || !definition) continue;
    for (const rewrite of leaves(definition.rewrite)) {
      if (rewrite.kind === 'this') {
        directs.set(`${typeName}#${relationName}`, { objectType: typeName, relation: relationName });
        for (const allowed of definition.directlyRelated) {
          if (allowed.relation === undefined) continue;
          const edge = {
            objectType: typeName,
            relation: relationName,
            userType: allowed.type,
            userRelation: allowed.relation,
          };
          follow.set(edgeKey(edge), edge);
          pending.push([allowed.type, allowed.relation]);
        }
      } else if (rewrite.kind === 'computed') {
        pending.push([typeName, rewrite.relation]);
      } else if (rewrite.kind === 'tupleToUserset') {
        const tupleset = { objectType: typeName, relation: rewrite.tupleset };
        tuplesets.set(`${typeName}#${rewrite.tupleset}`, tupleset);
        for (const allowed of type.relations.get(rewrite.tupleset)?.directlyRelated ?? []) {
          if (allowed.relation !== undefined || allowed.wildcard) continue;
          const edge = { ...tupleset, userType: allowed.type, userRelation: '' };
          follow.set(edgeKey(edge), edge);
          pending.push([allowed.type, rewrite.computedRelation]);
        }
      }
    }
  }
  return { follow: [...follow.values()], tuplesets: [...tuplesets.values()], directs: [...directs.values()] };
}

function* leaves(rewrite: Rewrite): Generator<Rewrite> {
  switch (rewrite.kind) {
    case 'union':
    case 'intersection':
      for (const child of rewrite.children) yield* leaves(child);
      return;
    case 'difference':
      yield* leaves(rewrite.base);
      yield* leaves(rewrite.subtract);
      return;
    default:
      yield rewrite;
  }
}

export function edgeKey(edge: ClosureEdge): string {
  return `${edge.objectType}#${edge.relation}@${edge.userType}#${edge.userRelation}`;
}

/**
 * The users whose direct tuples a check reads: the user, and for a plain user its type's wildcard (the
 * resolver asks for it where the model allows it).
 */
export function closureUsers(user: string): string[] {
  const reference = parseReference(user, true);
  if (!reference || reference.relation !== undefined || reference.id === '*') return [user];
  return [user, `${reference.type}:*`];
}
