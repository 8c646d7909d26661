/** Checks what a rule or the fallthrough serves: one known variant, or a rollout over known variants. */
import { ROLLOUT_TOTAL_WEIGHT } from '../definition.ts';
import { type FlagProblem, isRecord, pointer, show } from './problems.ts';

export function validateServe(
  serve: unknown,
  path: readonly (string | number)[],
  variants: ReadonlySet<string>,
  problems: FlagProblem[],
): void {
  if (!isRecord(serve) || 'variant' in serve === 'rollout' in serve) {
    problems.push({
      path: pointer(...path),
      message: 'serve exactly one of { "variant": name } or { "rollout": { "variants": [...] } }',
    });
    return;
  }
  if ('variant' in serve) {
    checkVariant(serve.variant, [...path, 'variant'], variants, problems);
    return;
  }
  const rollout = serve.rollout;
  if (!isRecord(rollout)) {
    problems.push({ path: pointer(...path, 'rollout'), message: 'rollout must be an object' });
    return;
  }
  if (
    rollout.bucket_by !== undefined &&
    (typeof rollout.bucket_by !== 'string' || rollout.bucket_by === '')
  ) {
    problems.push({
      path: pointer(...path, 'rollout', 'bucket_by'),
      message: 'bucket_by must be a non-empty string',
    });
  }
  const weighted = rollout.variants;
  if (!Array.isArray(weighted) || weighted.length === 0) {
    problems.push({
      path: pointer(...path, 'rollout', 'variants'),
      message: 'a rollout needs at least one variant',
    });
    return;
  }
  let total = 0;
  let weightsValid = true;
  weighted.forEach((entry, index) => {
    const at = [...path, 'rollout', 'variants', index];
    if (!isRecord(entry)) {
      problems.push({
        path: pointer(...at),
        message: 'each rollout entry is { "variant": name, "weight": n }',
      });
      weightsValid = false;
      return;
    }
    checkVariant(entry.variant, [...at, 'variant'], variants, problems);
    const weight = entry.weight;
    if (typeof weight !== 'number' || !Number.isSafeInteger(weight) || weight < 0) {
      problems.push({
        path: pointer(...at, 'weight'),
        message: `weight ${show(weight)} must be an integer ≥ 0 (thousandths of a percent: 10000 is 10%)`,
      });
      weightsValid = false;
      return;
    }
    total += weight;
  });
  if (weightsValid && total !== ROLLOUT_TOTAL_WEIGHT) {
    problems.push({
      path: pointer(...path, 'rollout', 'variants'),
      message: `rollout weights sum to ${total}; they must sum to ${ROLLOUT_TOTAL_WEIGHT} (100%)`,
    });
  }
}

export function checkVariant(
  variant: unknown,
  path: readonly (string | number)[],
  variants: ReadonlySet<string>,
  problems: FlagProblem[],
): void {
  if (typeof variant !== 'string' || !variants.has(variant)) {
    problems.push({
      path: pointer(...path),
      message: `unknown variant ${show(variant)}; the flag's variants are ${[...variants].join(', ') || '(none)'}`,
    });
  }
}
