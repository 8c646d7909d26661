/**
 * validateFlag: every fault in a flag definition, each with the JSON pointer of where it is. The
 * definition is untrusted JSON (a request body), so its shape is checked as it is read.
 */
import { FLAG_TYPES, type FlagDefinition, type FlagType } from '../definition.ts';
import { DEFAULT_ATTRIBUTE, FLAG_KEY_PATTERN, VARIANT_NAME_PATTERN } from '../names.ts';
import { validateClauses } from './clause.ts';
import type { KnownDefinitions } from './known.ts';
import { validatePrerequisites } from './prerequisites.ts';
import { type FlagProblem, isRecord, pointer, show } from './problems.ts';
import { checkVariant, validateServe } from './serve.ts';

export function validateFlag(definition: unknown, known: KnownDefinitions): FlagProblem[] {
  const problems: FlagProblem[] = [];
  if (!isRecord(definition)) return [{ path: '', message: 'a flag definition must be an object' }];
  const { key, type, variants, environments, off_variant: offVariant } = definition;
  if (typeof key !== 'string' || !FLAG_KEY_PATTERN.test(key)) {
    problems.push({
      path: '/key',
      message: `invalid flag key ${show(key)}: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100`,
    });
  }
  for (const field of ['name', 'description', 'salt'] as const) {
    if (definition[field] !== undefined && typeof definition[field] !== 'string') {
      problems.push({ path: pointer(field), message: `${field} must be a string` });
    }
  }
  const tags = definition.tags;
  if (tags !== undefined && (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string'))) {
    problems.push({ path: '/tags', message: 'tags must be a list of strings' });
  }
  const typeValid = typeof type === 'string' && (FLAG_TYPES as readonly string[]).includes(type);
  if (!typeValid) {
    problems.push({
      path: '/type',
      message: `unknown flag type ${show(type)}; one of ${FLAG_TYPES.join(', ')}`,
    });
  }
  const variantNames = validateVariants(variants, typeValid ? (type as FlagType) : null, problems);
  checkVariant(offVariant, ['off_variant'], variantNames, problems);

  if (!isRecord(environments)) {
    problems.push({
      path: '/environments',
      message: 'environments must be an object: environment → configuration',
    });
    return problems;
  }
  const knownEnvironments = new Set(known.environments);
  const segments = new Set(known.segments);
  const flags = new Map<string, FlagDefinition>();
  for (const flag of known.flags) flags.set(flag.key, flag);
  if (typeof key === 'string') flags.set(key, definition as unknown as FlagDefinition);

  for (const [environment, config] of Object.entries(environments)) {
    const at = ['environments', environment];
    if (!knownEnvironments.has(environment)) {
      problems.push({
        path: pointer(...at),
        message: `unknown environment ${show(environment)}; the instance has ${[...knownEnvironments].join(', ')}`,
      });
      continue;
    }
    if (!isRecord(config)) {
      problems.push({ path: pointer(...at), message: 'an environment configuration must be an object' });
      continue;
    }
    if (typeof config.on !== 'boolean') {
      problems.push({ path: pointer(...at, 'on'), message: 'on must be true or false' });
    }
    checkVariant(config.off_variant, [...at, 'off_variant'], variantNames, problems);
    if (config.prerequisites !== undefined) {
      validatePrerequisites(String(key), environment, config.prerequisites, flags, problems);
    }
    if (config.targets !== undefined) validateTargets(config.targets, at, variantNames, problems);
    if (config.rules !== undefined) {
      if (!Array.isArray(config.rules)) {
        problems.push({ path: pointer(...at, 'rules'), message: 'rules must be a list' });
      } else {
        validateRules(config.rules, at, variantNames, segments, problems);
      }
    }
    validateServe(config.fallthrough, [...at, 'fallthrough'], variantNames, problems);
  }
  return problems;
}

/** Checks names and values; returns the variant names (valid or not, so later checks do not cascade). */
function validateVariants(variants: unknown, type: FlagType | null, problems: FlagProblem[]): Set<string> {
  if (!isRecord(variants) || Object.keys(variants).length === 0) {
    problems.push({ path: '/variants', message: 'a flag needs at least one variant: { name: value }' });
    return new Set();
  }
  for (const [name, value] of Object.entries(variants)) {
    if (!VARIANT_NAME_PATTERN.test(name)) {
      problems.push({
        path: pointer('variants', name),
        message: `invalid variant name ${show(name)}: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64`,
      });
    }
    if (type !== null && !valueHasType(value, type)) {
      problems.push({
        path: pointer('variants', name),
        message: `variant ${show(name)} has value ${show(value)}, which is not a ${type === 'json' ? 'JSON object or array' : type}`,
      });
    }
  }
  return new Set(Object.keys(variants));
}

function valueHasType(value: unknown, type: FlagType): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return Number.isFinite(value);
    case 'json':
      return typeof value === 'object' && value !== null;
  }
}

function validateTargets(
  targets: unknown,
  at: readonly string[],
  variants: ReadonlySet<string>,
  problems: FlagProblem[],
): void {
  if (!Array.isArray(targets)) {
    problems.push({ path: pointer(...at, 'targets'), message: 'targets must be a list' });
    return;
  }
  /** `${attribute}\u0000${value}` → the variant it already goes to. */
  const seen = new Map<string, string>();
  targets.forEach((target, index) => {
    const path = [...at, 'targets', index];
    if (!isRecord(target)) {
      problems.push({ path: pointer(...path), message: 'a target is { "variant": name, "values": [...] }' });
      return;
    }
    checkVariant(target.variant, [...path, 'variant'], variants, problems);
    const attribute = target.attribute ?? DEFAULT_ATTRIBUTE;
    if (typeof attribute !== 'string' || attribute === '') {
      problems.push({ path: pointer(...path, 'attribute'), message: 'attribute must be a non-empty string' });
    }
    if (!Array.isArray(target.values)) {
      problems.push({ path: pointer(...path, 'values'), message: 'values must be a list of strings' });
      return;
    }
    target.values.forEach((value, valueIndex) => {
      const valuePath = pointer(...path, 'values', valueIndex);
      if (typeof value !== 'string') {
        problems.push({ path: valuePath, message: `target values are strings; ${show(value)} is not one` });
        return;
      }
      const id = `${String(attribute)}\u0000${value}`;
      const earlier = seen.get(id);
      if (earlier !== undefined && earlier !== target.variant) {
        problems.push({
          path: valuePath,
          message: `${attribute} ${show(value)} is already a target of variant ${show(earlier)}`,
        });
      } else if (earlier === undefined) {
        seen.set(id, String(target.variant));
      }
    });
  });
}

function validateRules(
  rules: readonly unknown[],
  at: readonly string[],
  variants: ReadonlySet<string>,
  segments: ReadonlySet<string>,
  problems: FlagProblem[],
): void {
  const ids = new Set<string>();
  rules.forEach((rule, index) => {
    const path = [...at, 'rules', index];
    if (!isRecord(rule)) {
      problems.push({ path: pointer(...path), message: 'a rule is { "clauses": [...], "serve": ... }' });
      return;
    }
    if (rule.id !== undefined) {
      if (typeof rule.id !== 'string' || rule.id === '') {
        problems.push({ path: pointer(...path, 'id'), message: 'a rule id must be a non-empty string' });
      } else if (ids.has(rule.id)) {
        problems.push({ path: pointer(...path, 'id'), message: `duplicate rule id ${show(rule.id)}` });
      } else {
        ids.add(rule.id);
      }
    }
    validateClauses(rule.clauses, [...path, 'clauses'], segments, problems);
    validateServe(rule.serve, [...path, 'serve'], variants, problems);
  });
}
