/**
 * A check's closure plan, built once per compiled model: which tuples a check may read below the checked
 * object, so that one statement can read them all before the resolver starts (closure-cache.ts answers
 * the resolver's reads from them). The plan follows every userset a direct relation allows
 * (`viewer: [group#member]` → the group's tuples) and every tupleset's objects (`viewer from parent` →
 * the parent folder's tuples), to any depth; on each object reached it reads the checked user's own
 * tuples, the usersets to follow and the tuplesets whole: what the resolver's readDirect and
 * readTupleset would ask for, whatever path it takes.
 */
import type { CompiledModel, Rewrite } from './model-types.ts';
import { type ClosureEdge, type ClosurePlan, type ClosureRelation, parseReference } from './tuples.ts';

const plans = new WeakMap<CompiledModel, ClosurePlan>();

export function closurePlan(model: CompiledModel): ClosurePlan {
  let plan = plans.get(model);
  if (!plan) {
    plan = buildPlan(model);
    plans.set(model, plan);
  }
  return plan;
}

function buildPlan(model: CompiledModel): ClosurePlan {
  const follow = new Map<string, ClosureEdge>();
  const tuplesets = new Map<string, ClosureRelation>();
  const directs = new Map<string, ClosureRelation>();
  for (const type of model.types.values()) {
    for (const relation of type.relations.values()) {
      for (const rewrite of leaves(relation.rewrite)) {
        if (rewrite.kind === 'this') {
          directs.set(`${type.name}#${relation.name}`, { objectType: type.name, relation: relation.name });
          for (const allowed of relation.directlyRelated) {
            if (allowed.relation === undefined) continue;
            const edge = {
              objectType: type.name,
              relation: relation.name,
              userType: allowed.type,
              userRelation: allowed.relation,
            };
            follow.set(edgeKey(edge), edge);
          }
        } else if (rewrite.kind === 'tupleToUserset') {
          const tupleset = { objectType: type.name, relation: rewrite.tupleset };
          tuplesets.set(`${type.name}#${rewrite.tupleset}`, tupleset);
          for (const allowed of type.relations.get(rewrite.tupleset)?.directlyRelated ?? []) {
            if (allowed.relation !== undefined || allowed.wildcard) continue;
            const edge = { ...tupleset, userType: allowed.type, userRelation: '' };
            follow.set(edgeKey(edge), edge);
          }
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
