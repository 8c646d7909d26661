/**
 * One flag compiled for one environment into a resolver: off → DISABLED; prerequisites →
 * PREREQUISITE_FAILED; individual targets, then rules in order → TARGETING_MATCH (SPLIT for a rule's
 * rollout); then the fallthrough → STATIC (no targeting at all), DEFAULT (a fixed variant) or SPLIT.
 * Every fixed result is built here, once.
 */
import type { EnvironmentConfig, FlagDefinition, FlagType, FlagValue, Serve } from '../definition.ts';
import type { EvaluationContext, EvaluationReason } from '../evaluation.ts';
import { DEFAULT_ATTRIBUTE } from '../names.ts';
import { attributeKey, attributeReader } from './attributes.ts';
import { type ContextPredicate, compileClauses, type SegmentLookup } from './clauses.ts';
import { failure, frozenValue, type Metadata, type Outcome, success } from './outcome.ts';
import { compileRollout } from './rollout.ts';

/** Resolves another flag of the same set (for prerequisites); `depth` guards against cycles. */
export type FlagResolver = (
  flagKey: string,
  context: EvaluationContext,
  depth: number,
) => Outcome | undefined;

export interface CompiledFlag {
  readonly key: string;
  readonly type: FlagType;
  resolve(context: EvaluationContext, depth: number): Outcome;
}

/** Prerequisite chains longer than this are treated as cycles (validation refuses cycles on save). */
export const MAX_PREREQUISITE_DEPTH = 32;

type Server = (context: EvaluationContext) => Outcome;

export function compileFlag(
  flag: FlagDefinition,
  environment: string,
  setMetadata: Metadata,
  segments: SegmentLookup,
  resolveOther: FlagResolver,
): CompiledFlag {
  const baseMetadata: Metadata =
    flag.version === undefined ? setMetadata : { ...setMetadata, flagVersion: flag.version };
  const values = new Map<string, FlagValue>();
  for (const [name, value] of Object.entries(flag.variants)) {
    if (!hasType(value, flag.type)) throw new Error(`variant ${name} is not a ${flag.type}`);
    values.set(name, frozenValue(value));
  }
  const outcome = (variant: string, reason: EvaluationReason, metadata: Metadata = {}): Outcome => {
    if (!values.has(variant)) throw new Error(`unknown variant ${variant}`);
    return success(values.get(variant) as FlagValue, variant, reason, { ...baseMetadata, ...metadata });
  };
  const config: EnvironmentConfig | undefined = Object.hasOwn(flag.environments, environment)
    ? flag.environments[environment]
    : undefined;
  if (config === undefined || !config.on) {
    const disabled = outcome(config?.off_variant ?? flag.off_variant, 'DISABLED');
    return { key: flag.key, type: flag.type, resolve: () => disabled };
  }
  const serve = (what: Serve, reason: EvaluationReason, metadata: Metadata = {}): Server => {
    if ('variant' in what) {
      const fixed = outcome(what.variant, reason, metadata);
      return () => fixed;
    }
    return compileRollout(flag.key, flag.salt, what.rollout, (variant) =>
      outcome(variant, 'SPLIT', metadata),
    );
  };

  const prerequisites = config.prerequisites ?? [];
  const prerequisiteFailed = outcome(config.off_variant, 'PREREQUISITE_FAILED');
  const targets = (config.targets ?? []).map((target, index) => ({
    read: attributeReader(target.attribute ?? DEFAULT_ATTRIBUTE),
    values: new Set(target.values),
    outcome: outcome(target.variant, 'TARGETING_MATCH', { targetIndex: index }),
  }));
  const rules: { matches: ContextPredicate; serve: Server }[] = (config.rules ?? []).map((rule, index) => ({
    matches: compileClauses(rule.clauses, segments),
    serve: serve(
      rule.serve,
      'TARGETING_MATCH',
      rule.id === undefined ? { ruleIndex: index } : { ruleId: rule.id, ruleIndex: index },
    ),
  }));
  const isStatic = targets.length === 0 && rules.length === 0 && 'variant' in config.fallthrough;
  const fallthrough = serve(config.fallthrough, isStatic ? 'STATIC' : 'DEFAULT');

  return {
    key: flag.key,
    type: flag.type,
    resolve(context, depth) {
      for (const prerequisite of prerequisites) {
        if (depth >= MAX_PREREQUISITE_DEPTH) return prerequisiteFailed;
        const result = resolveOther(prerequisite.flag, context, depth + 1);
        if (!prerequisiteMet(result, prerequisite.variant)) return prerequisiteFailed;
      }
      for (const target of targets) {
        const key = attributeKey(target.read(context));
        if (key !== undefined && target.values.has(key)) return target.outcome;
      }
      for (const rule of rules) if (rule.matches(context)) return rule.serve(context);
      return fallthrough(context);
    },
  };
}

/**
 * A prerequisite is met when the other flag is on and served the required variant: a prerequisite
 * that is off, failed its own prerequisites, errored or is missing fails, whatever variant it serves.
 */
function prerequisiteMet(result: Outcome | undefined, variant: string): boolean {
  if (result === undefined || result.variant !== variant) return false;
  return result.reason !== 'DISABLED' && result.reason !== 'PREREQUISITE_FAILED' && result.reason !== 'ERROR';
}

function hasType(value: FlagValue, type: FlagType): boolean {
  if (type === 'json') return typeof value === 'object' && value !== null;
  return typeof value === type;
}

/** A flag whose definition does not compile (the set was not validated): every evaluation fails. */
export function brokenFlag(flag: FlagDefinition, error: unknown): CompiledFlag {
  const broken = failure(
    'PARSE_ERROR',
    `flag ${flag.key} is not valid: ${error instanceof Error ? error.message : String(error)}`,
  );
  return { key: flag.key, type: flag.type, resolve: () => broken };
}
