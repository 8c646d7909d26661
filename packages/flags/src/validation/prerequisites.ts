/** Prerequisites: the other flag exists, its variant exists, and no chain leads back to this flag. */
import type { FlagDefinition } from '../definition.ts';
import { type FlagProblem, isRecord, pointer, show } from './problems.ts';

/** Flags by key, with the definition being validated in place of its stored version. */
export type FlagsByKey = ReadonlyMap<string, FlagDefinition>;

export function validatePrerequisites(
  flagKey: string,
  environment: string,
  prerequisites: unknown,
  flags: FlagsByKey,
  problems: FlagProblem[],
): void {
  const base = ['environments', environment, 'prerequisites'];
  if (!Array.isArray(prerequisites)) {
    problems.push({ path: pointer(...base), message: 'prerequisites must be a list' });
    return;
  }
  prerequisites.forEach((prerequisite, index) => {
    const at = [...base, index];
    if (!isRecord(prerequisite)) {
      problems.push({ path: pointer(...at), message: 'a prerequisite is { "flag": key, "variant": name }' });
      return;
    }
    const { flag, variant } = prerequisite;
    if (flag === flagKey) {
      problems.push({
        path: pointer(...at, 'flag'),
        message: `a flag cannot be its own prerequisite (${flagKey})`,
      });
      return;
    }
    const other = typeof flag === 'string' ? flags.get(flag) : undefined;
    if (!other) {
      problems.push({ path: pointer(...at, 'flag'), message: `unknown prerequisite flag ${show(flag)}` });
      return;
    }
    if (typeof variant !== 'string' || !Object.hasOwn(other.variants, variant)) {
      problems.push({
        path: pointer(...at, 'variant'),
        message: `flag ${other.key} has no variant ${show(variant)}; its variants are ${Object.keys(other.variants).join(', ')}`,
      });
    }
    const cycle = cycleBack(other.key, flagKey, environment, flags);
    if (cycle) {
      problems.push({
        path: pointer(...at, 'flag'),
        message: `cyclic prerequisites in ${environment}: ${[flagKey, ...cycle].join(' → ')}`,
      });
    }
  });
}

/** The chain of prerequisites (same environment) from `start` back to `target`, or null if none. */
function cycleBack(start: string, target: string, environment: string, flags: FlagsByKey): string[] | null {
  const visited = new Set<string>();
  const walk = (key: string): string[] | null => {
    if (key === target) return [key];
    if (visited.has(key)) return null;
    visited.add(key);
    const prerequisites = flags.get(key)?.environments?.[environment]?.prerequisites;
    if (!Array.isArray(prerequisites)) return null;
    for (const prerequisite of prerequisites) {
      const next = isRecord(prerequisite) && typeof prerequisite.flag === 'string' ? prerequisite.flag : null;
      if (next === null) continue;
      const chain = walk(next);
      if (chain) return [key, ...chain];
    }
    return null;
  };
  return walk(start);
}
