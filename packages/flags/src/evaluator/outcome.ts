/**
 * What resolving a flag yields inside the evaluator: a finished result (built and frozen at compile
 * time for every variant a flag can serve, so a hit allocates nothing) or a failure that the public
 * entry points turn into the caller's default value.
 */
import type { FlagValue } from '../definition.ts';
import type { EvaluationErrorCode, EvaluationReason, EvaluationResult } from '../evaluation.ts';

export interface Failure {
  readonly reason: 'ERROR';
  readonly errorCode: EvaluationErrorCode;
  readonly errorMessage: string;
  readonly variant?: undefined;
}

export type Outcome = EvaluationResult | Failure;

export type Metadata = Readonly<Record<string, string | number | boolean>>;

export function success(
  value: FlagValue,
  variant: string,
  reason: EvaluationReason,
  metadata: Metadata,
): EvaluationResult {
  return Object.freeze({ value, variant, reason, flagMetadata: Object.freeze({ ...metadata }) });
}

export function failure(errorCode: EvaluationErrorCode, errorMessage: string): Failure {
  return Object.freeze({ reason: 'ERROR', errorCode, errorMessage });
}

/** A frozen deep copy, so a JSON variant handed to callers cannot be changed under other evaluations. */
export function frozenValue(value: FlagValue): FlagValue {
  if (typeof value !== 'object' || value === null) return value;
  return deepFreeze(structuredClone(value));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
