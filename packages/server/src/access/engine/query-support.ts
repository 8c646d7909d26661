/**
 * What expand, list-objects and list-users share: their outcome shape, OpenFGA's request validation
 * (contextual tuples first, then the target), the model-fit test a stored tuple must pass to count
 * (OpenFGA filters tuples the model no longer allows).
 */
import { EngineError, type EngineFailureKind } from './engine-error.ts';
import type { CompiledModel, DirectlyRelatedType } from './model-types.ts';
import { tupleProblem } from './tuple-validation.ts';
import type { Reference, TupleRecord } from './tuples.ts';

/** A query's answer, or why there is none: never a partial answer. */
export type QueryOutcome<T> =
  | ({ readonly ok: true } & T)
  | { readonly ok: false; readonly kind: EngineFailureKind; readonly message: string };

export function failed(error: unknown): { ok: false; kind: EngineFailureKind; message: string } {
  const engineError = error instanceof EngineError ? error : new EngineError('storage_error', String(error));
  return { ok: false, kind: engineError.kind, message: engineError.message };
}

/** A contextual tuple that does not fit the model fails the request (OpenFGA 2027). */
export function contextualTupleProblem(
  model: CompiledModel,
  tuples: readonly TupleRecord[],
): EngineError | undefined {
  for (const tuple of tuples) {
    const reason = tupleProblem(model, tuple);
    if (reason) {
      return new EngineError(
        'invalid_contextual_tuple',
        `contextual tuple ${tuple.object}#${tuple.relation}@${tuple.user}: ${reason}`,
      );
    }
  }
  return undefined;
}

/** `type#relation` must exist: type_not_found (2021) or relation_not_found (2022) otherwise. */
export function typeRelationProblem(
  model: CompiledModel,
  type: string,
  relation: string | undefined,
): EngineError | undefined {
  const definition = model.types.get(type);
  if (!definition) return new EngineError('type_not_found', `type '${type}' is not in the model`);
  if (relation !== undefined && !definition.relations.has(relation)) {
    return new EngineError('relation_not_found', `relation '${type}#${relation}' is not in the model`);
  }
  return undefined;
}

/** Does the model still allow this tuple's user (its type, wildcard, userset and condition)? */
export function tupleFits(
  tuple: TupleRecord,
  user: Reference,
  restrictions: readonly DirectlyRelatedType[],
): boolean {
  const condition = tuple.condition?.name;
  return restrictions.some(
    (r) =>
      r.type === user.type &&
      r.condition === condition &&
      (user.relation !== undefined
        ? r.relation === user.relation
        : r.relation === undefined && r.wildcard === (user.id === '*')),
  );
}

export function typeOf(object: string): string {
  const colon = object.indexOf(':');
  return colon === -1 ? object : object.slice(0, colon);
}

/** Throws deadline_exceeded once the request's signal has fired. */
export function ensureTime(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError('deadline_exceeded', 'the request ran out of time');
}
