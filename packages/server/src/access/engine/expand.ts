/**
 * OpenFGA's Expand: one level of the userset tree of `object#relation`, in OpenFGA's JSON shape. The
 * relation's rewrite becomes union / intersection / difference nodes; its leaves are the direct users
 * (every stored tuple the model still allows, conditions not evaluated, as OpenFGA does), a computed
 * userset, or a tuple-to-userset with the usersets its tupleset names. The caller expands further.
 */
import { EngineError } from './engine-error.ts';
import type { CompiledModel, CompiledRelation, Rewrite } from './model-types.ts';
import { contextualTupleProblem, failed, type QueryOutcome, tupleFits, typeOf } from './query-support.ts';
import { ContextualTupleReader, parseReference, type TupleReader, type TupleRecord } from './tuples.ts';

export interface ExpandRequest {
  readonly object: string;
  readonly relation: string;
  readonly contextualTuples?: readonly TupleRecord[];
}

/** OpenFGA's UsersetTree.Leaf: exactly one field is set. */
export interface ExpandLeaf {
  users?: { users: string[] };
  computed?: { userset: string };
  tupleToUserset?: { tupleset: string; computed: Array<{ userset: string }> };
}

/** OpenFGA's UsersetTree.Node: `name` is `object#relation`; exactly one of the others is set. */
export interface ExpandNode {
  name: string;
  leaf?: ExpandLeaf;
  union?: { nodes: ExpandNode[] };
  intersection?: { nodes: ExpandNode[] };
  difference?: { base: ExpandNode; subtract: ExpandNode };
}

/** OpenFGA's ExpandResponse.tree. */
export interface ExpandTree {
  root: ExpandNode;
}

export type ExpandOutcome = QueryOutcome<{ readonly tree: ExpandTree }>;

export async function expand(
  model: CompiledModel,
  reader: TupleReader,
  request: ExpandRequest,
): Promise<ExpandOutcome> {
  try {
    const contextual = request.contextualTuples ?? [];
    const problem = contextualTupleProblem(model, contextual);
    if (problem) throw problem;
    const object = parseReference(request.object, false);
    if (!object) throw new EngineError('invalid_request', `invalid object '${request.object}'`);
    const type = model.types.get(object.type);
    if (!type) throw new EngineError('invalid_request', `type '${object.type}' is not in the model`);
    const relation = type.relations.get(request.relation);
    if (!relation) {
      throw new EngineError(
        'invalid_request',
        `relation '${object.type}#${request.relation}' is not in the model`,
      );
    }
    const tuples = contextual.length > 0 ? new ContextualTupleReader(reader, contextual) : reader;
    const root = await expandRewrite(model, tuples, request.object, relation, relation.rewrite);
    return { ok: true, tree: { root } };
  } catch (error) {
    return failed(error);
  }
}

async function expandRewrite(
  model: CompiledModel,
  reader: TupleReader,
  object: string,
  relation: CompiledRelation,
  rewrite: Rewrite,
): Promise<ExpandNode> {
  const name = `${object}#${relation.name}`;
  switch (rewrite.kind) {
    case 'this': {
      const tuples = await read(() => reader.readTupleset(object, relation.name));
      const users = new Set<string>();
      for (const tuple of tuples) {
        const user = parseReference(tuple.user, true);
        if (user && tupleFits(tuple, user, relation.directlyRelated)) users.add(tuple.user);
      }
      return { name, leaf: { users: { users: [...users].sort() } } };
    }
    case 'computed':
      return { name, leaf: { computed: { userset: `${object}#${rewrite.relation}` } } };
    case 'tupleToUserset': {
      const tupleset = model.types.get(typeOf(object))?.relations.get(rewrite.tupleset);
      const tuples = await read(() => reader.readTupleset(object, rewrite.tupleset));
      const computed: Array<{ userset: string }> = [];
      const seen = new Set<string>();
      for (const tuple of tuples) {
        const user = parseReference(tuple.user, true);
        if (!user || !tupleset || !tupleFits(tuple, user, tupleset.directlyRelated)) continue;
        // As OpenFGA: a userset in the tupleset keeps its own relation.
        const userset = `${user.type}:${user.id}#${user.relation ?? rewrite.computedRelation}`;
        if (seen.has(userset)) continue;
        seen.add(userset);
        computed.push({ userset });
      }
      return { name, leaf: { tupleToUserset: { tupleset: `${object}#${rewrite.tupleset}`, computed } } };
    }
    case 'union':
    case 'intersection': {
      const nodes: ExpandNode[] = [];
      for (const child of rewrite.children)
        nodes.push(await expandRewrite(model, reader, object, relation, child));
      return rewrite.kind === 'union' ? { name, union: { nodes } } : { name, intersection: { nodes } };
    }
    case 'difference':
      return {
        name,
        difference: {
          base: await expandRewrite(model, reader, object, relation, rewrite.base),
          subtract: await expandRewrite(model, reader, object, relation, rewrite.subtract),
        },
      };
  }
}

async function read(run: () => Promise<readonly TupleRecord[]>): Promise<readonly TupleRecord[]> {
  try {
    return await run();
  } catch (error) {
    throw new EngineError(
      'storage_error',
      `reading tuples failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
