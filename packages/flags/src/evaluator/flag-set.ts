/**
 * compileFlagSet: an environment's flags and segments compiled once into an evaluator with
 * OpenFeature's semantics. An evaluation never throws: a missing flag is FLAG_NOT_FOUND, a flag of
 * another type TYPE_MISMATCH, a flag that did not compile PARSE_ERROR, a bug GENERAL; each with the
 * caller's default value and reason ERROR.
 */
import type { FlagSet, FlagType, FlagValue } from '../definition.ts';
import type {
  EvaluationContext,
  EvaluationErrorCode,
  EvaluationReason,
  EvaluationResult,
} from '../evaluation.ts';
import { brokenFlag, type CompiledFlag, compileFlag } from './compile-flag.ts';
import type { Metadata, Outcome } from './outcome.ts';
import { compileSegments } from './segments.ts';

/** One flag's answer in a bulk evaluation (OFREP): there is no caller default, so no value on ERROR. */
export interface FlagEvaluation {
  readonly key: string;
  readonly type: FlagType;
  readonly value?: FlagValue;
  readonly variant?: string;
  readonly reason: EvaluationReason;
  readonly errorCode?: EvaluationErrorCode;
  readonly errorMessage?: string;
  readonly flagMetadata?: Metadata;
}

export interface FlagSetEvaluator {
  readonly environment: string;
  readonly version: number;
  evaluate<T extends FlagValue>(
    flagKey: string,
    expectedType: FlagType,
    defaultValue: T,
    context: EvaluationContext,
  ): EvaluationResult<T>;
  /** Every flag of the set, in the set's order. */
  evaluateAll(context: EvaluationContext): FlagEvaluation[];
}

export function compileFlagSet(set: FlagSet): FlagSetEvaluator {
  const segments = compileSegments(set.segments);
  const flags = new Map<string, CompiledFlag>();
  const setMetadata: Metadata = { flagSetVersion: set.version };
  const resolveOther = (key: string, context: EvaluationContext, depth: number): Outcome | undefined =>
    flags.get(key)?.resolve(context, depth);
  for (const flag of set.flags) {
    try {
      flags.set(flag.key, compileFlag(flag, set.environment, setMetadata, segments, resolveOther));
    } catch (error) {
      flags.set(flag.key, brokenFlag(flag, error));
    }
  }
  const contextFault = (context: unknown): Outcome | null =>
    typeof context === 'object' && context !== null && !Array.isArray(context)
      ? null
      : {
          reason: 'ERROR',
          errorCode: 'INVALID_CONTEXT',
          errorMessage: 'the evaluation context must be an object',
        };

  return {
    environment: set.environment,
    version: set.version,
    evaluate<T extends FlagValue>(
      flagKey: string,
      expectedType: FlagType,
      defaultValue: T,
      context: EvaluationContext,
    ): EvaluationResult<T> {
      try {
        const flag = flags.get(flagKey);
        if (flag === undefined) {
          return fallback(
            defaultValue,
            'FLAG_NOT_FOUND',
            `flag ${flagKey} is not in the ${set.environment} flag set`,
          );
        }
        if (flag.type !== expectedType) {
          return fallback(
            defaultValue,
            'TYPE_MISMATCH',
            `flag ${flagKey} is a ${flag.type} flag, not ${expectedType}`,
          );
        }
        const outcome = contextFault(context) ?? flag.resolve(context, 0);
        if (outcome.reason === 'ERROR') {
          return fallback(
            defaultValue,
            outcome.errorCode ?? 'GENERAL',
            outcome.errorMessage ?? 'evaluation failed',
          );
        }
        return outcome as EvaluationResult<T>;
      } catch (error) {
        return fallback(defaultValue, 'GENERAL', error instanceof Error ? error.message : String(error));
      }
    },
    evaluateAll(context: EvaluationContext): FlagEvaluation[] {
      const fault = contextFault(context);
      const results: FlagEvaluation[] = [];
      for (const flag of flags.values()) {
        let outcome: Outcome;
        try {
          outcome = fault ?? flag.resolve(context, 0);
        } catch (error) {
          outcome = {
            reason: 'ERROR',
            errorCode: 'GENERAL',
            errorMessage: error instanceof Error ? error.message : String(error),
          };
        }
        results.push({ key: flag.key, type: flag.type, ...outcome });
      }
      return results;
    },
  };
}

function fallback<T extends FlagValue>(
  value: T,
  errorCode: EvaluationErrorCode,
  errorMessage: string,
): EvaluationResult<T> {
  return { value, reason: 'ERROR', errorCode, errorMessage };
}
