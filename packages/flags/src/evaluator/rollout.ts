/**
 * Sticky percentage rollouts. A context's bucket is murmur3(`${flagKey}.${salt}.${value}`) mod 100000,
 * `value` being the bucketing attribute (the targeting key unless `bucket_by` names another, such as
 * `organization` so a whole tenant moves together). Variants take consecutive bucket ranges in their
 * listed order, so raising the first variant from 10% to 20% keeps everyone already in it.
 */
import { ROLLOUT_TOTAL_WEIGHT, type Rollout } from '../definition.ts';
import type { EvaluationContext } from '../evaluation.ts';
import { DEFAULT_ATTRIBUTE } from '../names.ts';
import { attributeKey, attributeReader } from './attributes.ts';
import { murmur3 } from './murmur3.ts';
import { type Failure, failure, type Outcome } from './outcome.ts';

export function rolloutBucket(flagKey: string, salt: string | undefined, value: string): number {
  return murmur3(`${flagKey}.${salt ?? ''}.${value}`) % ROLLOUT_TOTAL_WEIGHT;
}

export type RolloutPicker = (context: EvaluationContext) => Outcome;

/** `outcomeOf(variant)` is the finished result for a variant chosen by this rollout. */
export function compileRollout(
  flagKey: string,
  salt: string | undefined,
  rollout: Rollout,
  outcomeOf: (variant: string) => Outcome,
): RolloutPicker {
  const attribute = rollout.bucket_by ?? DEFAULT_ATTRIBUTE;
  const read = attributeReader(attribute);
  const prefix = `${flagKey}.${salt ?? ''}.`;
  const upperBounds: number[] = [];
  const outcomes: Outcome[] = [];
  let total = 0;
  for (const { variant, weight } of rollout.variants) {
    if (!Number.isSafeInteger(weight) || weight < 0) throw new Error(`rollout weight ${weight} is not valid`);
    if (weight === 0) continue;
    total += weight;
    upperBounds.push(total);
    outcomes.push(outcomeOf(variant));
  }
  if (total !== ROLLOUT_TOTAL_WEIGHT)
    throw new Error(`rollout weights sum to ${total}, not ${ROLLOUT_TOTAL_WEIGHT}`);
  const missing: Failure = failure(
    'TARGETING_KEY_MISSING',
    `the rollout buckets by ${attribute}, which the context does not have (a string or number)`,
  );
  const count = outcomes.length;
  return (context) => {
    const value = attributeKey(read(context));
    if (value === undefined) return missing;
    const bucket = murmur3(prefix + value) % ROLLOUT_TOTAL_WEIGHT;
    for (let index = 0; index < count; index++) {
      if (bucket < (upperBounds[index] as number)) return outcomes[index] as Outcome;
    }
    return outcomes[count - 1] as Outcome;
  };
}
