/**
 * The engine's check: validate the request against the model (OpenFGA's rules), layer the contextual
 * tuples over the stored ones, and resolve. The outcome is allow, deny, or an error: an error is never
 * an allow, whatever the caller does with it (fail closed).
 */
import { CheckResolver, type ResolutionLimits } from './check-resolver.ts';
import { ClosureCache } from './closure-cache.ts';
import { closurePlan, closureUsers } from './closure-plan.ts';
import { conditionEvaluator } from './condition-evaluator.ts';
import { EngineError, type EngineFailureKind } from './engine-error.ts';
import type { CompiledModel } from './model-types.ts';
import { tupleProblem } from './tuple-validation.ts';
import {
  type ClosureTupleReader,
  ContextualTupleReader,
  canReadClosure,
  parseReference,
  type TupleReader,
  type TupleRecord,
} from './tuples.ts';

/** Rows (reached objects and tuples) a check's closure may hold; past it the check reads as it goes. */
export const CLOSURE_ROW_LIMIT = 1000;

export interface CheckRequest {
  readonly object: string;
  readonly relation: string;
  readonly user: string;
  readonly contextualTuples?: readonly TupleRecord[];
  /** The request's condition context (OpenFGA's `context`). */
  readonly context?: Readonly<Record<string, unknown>>;
}

export type CheckOutcome =
  | { readonly decision: 'allow' }
  | { readonly decision: 'deny' }
  | { readonly decision: 'error'; readonly kind: EngineFailureKind; readonly message: string };

export type CheckOptions = ResolutionLimits;

export async function check(
  model: CompiledModel,
  reader: TupleReader,
  request: CheckRequest,
  options: CheckOptions = {},
): Promise<CheckOutcome> {
  const problem = requestProblem(model, request);
  if (problem) return failure(problem);
  const contextual = request.contextualTuples ?? [];
  let stored = reader;
  if (canReadClosure(reader)) {
    const preloaded = await withClosure(model, reader, request, options.signal);
    if (preloaded instanceof EngineError) return failure(preloaded);
    stored = preloaded;
  }
  // Contextual tuples lie over the stored ones: the closure stands for the stored tuples only.
  const tuples = contextual.length > 0 ? new ContextualTupleReader(stored, contextual) : stored;
  const resolver = new CheckResolver(
    model,
    tuples,
    conditionEvaluator(model, request.context ?? {}),
    options,
  );
  try {
    const result = await resolver.resolve(request.object, request.relation, request.user);
    if (result instanceof EngineError) return failure(result);
    return { decision: result === true ? 'allow' : 'deny' };
  } catch (error) {
    // Anything unexpected is a failure, never an allow.
    return failure(error instanceof EngineError ? error : new EngineError('storage_error', String(error)));
  }
}

/**
 * Reads the check's closure in one go (closure-plan.ts), so the resolver's reads are answered from it;
 * a closure past the row limit is dropped (the reads go to the store as before). Fails closed: a read
 * failure or the deadline is the check's failure.
 */
async function withClosure(
  model: CompiledModel,
  reader: ClosureTupleReader,
  { object, relation, user }: CheckRequest,
  signal: AbortSignal | undefined,
): Promise<TupleReader | EngineError> {
  const plan = closurePlan(model, object.slice(0, object.indexOf(':')), relation);
  const users = closureUsers(user);
  const deadline = () => new EngineError('deadline_exceeded', 'the check ran out of time');
  if (signal?.aborted) return deadline();
  try {
    const closure = await reader.readClosure({ object, users, plan, limit: CLOSURE_ROW_LIMIT });
    if (signal?.aborted) return deadline();
    return closure ? new ClosureCache(reader, plan, users, closure) : reader;
  } catch (error) {
    return new EngineError(
      'storage_error',
      `reading tuples failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function requestProblem(model: CompiledModel, request: CheckRequest): EngineError | undefined {
  const object = parseReference(request.object, false);
  if (!object) return new EngineError('invalid_request', `invalid object '${request.object}'`);
  const objectType = model.types.get(object.type);
  if (!objectType) return new EngineError('invalid_request', `type '${object.type}' is not in the model`);
  if (!objectType.relations.has(request.relation)) {
    return new EngineError(
      'invalid_request',
      `relation '${object.type}#${request.relation}' is not in the model`,
    );
  }
  const user = parseReference(request.user, true);
  if (!user) return new EngineError('invalid_request', `invalid user '${request.user}'`);
  const userType = model.types.get(user.type);
  if (!userType) return new EngineError('invalid_request', `type '${user.type}' is not in the model`);
  if (user.relation !== undefined && !userType.relations.has(user.relation)) {
    return new EngineError('invalid_request', `relation '${user.type}#${user.relation}' is not in the model`);
  }
  for (const tuple of request.contextualTuples ?? []) {
    const reason = tupleProblem(model, tuple);
    if (reason)
      return new EngineError(
        'invalid_contextual_tuple',
        `contextual tuple ${tuple.object}#${tuple.relation}@${tuple.user}: ${reason}`,
      );
  }
  return undefined;
}

function failure(error: EngineError): CheckOutcome {
  return { decision: 'error', kind: error.kind, message: error.message };
}
