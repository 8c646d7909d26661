/**
 * What one evaluation answers, with OpenFeature's semantics: the value, the variant, why (the reason),
 * and on failure an error code with the caller's default value. An evaluation never throws.
 */
import type { FlagValue } from './definition.ts';

/** OpenFeature's reasons, plus PREREQUISITE_FAILED (OpenFeature allows other reason strings). */
export const EVALUATION_REASONS = [
  /** The flag is on and has no targets, rules or rollouts in this environment: always this variant. */
  'STATIC',
  /** An individual target or a rule with a fixed variant matched. */
  'TARGETING_MATCH',
  /** A percentage rollout (a rule's or the fallthrough's) chose the variant. */
  'SPLIT',
  /** The flag is off (or killed) in this environment, or not configured in it: the off variant. */
  'DISABLED',
  /** The flag is on, has targeting, nothing matched: the fallthrough's fixed variant. */
  'DEFAULT',
  /** A prerequisite flag did not evaluate to its required variant: the off variant. */
  'PREREQUISITE_FAILED',
  /** The evaluation failed: the caller's default value, and an error code. */
  'ERROR',
] as const;
export type EvaluationReason = (typeof EVALUATION_REASONS)[number];

/** OpenFeature's error codes. */
export const EVALUATION_ERROR_CODES = [
  'FLAG_NOT_FOUND',
  'TYPE_MISMATCH',
  'PARSE_ERROR',
  'TARGETING_KEY_MISSING',
  'INVALID_CONTEXT',
  'GENERAL',
] as const;
export type EvaluationErrorCode = (typeof EVALUATION_ERROR_CODES)[number];

/** OpenFeature's evaluation context: `targetingKey` and any attributes (nested objects allowed). */
export type EvaluationContext = { readonly targetingKey?: string } & Readonly<Record<string, unknown>>;

export interface EvaluationResult<T extends FlagValue = FlagValue> {
  readonly value: T;
  /** Absent on ERROR. */
  readonly variant?: string;
  readonly reason: EvaluationReason;
  readonly errorCode?: EvaluationErrorCode;
  readonly errorMessage?: string;
  /** E.g. `{ ruleId, flagVersion }`: what matched, for debugging and analytics. */
  readonly flagMetadata?: Readonly<Record<string, string | number | boolean>>;
}
