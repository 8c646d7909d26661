/**
 * What the server fills in on a flag before it is validated and stored: the key from the path, the
 * salt (new on create, the stored one on every later version, so rollouts never reshuffle), and an id
 * for every rule (kept when given; a rule sent without one keeps the id of the stored rule with the same
 * clauses and serve, so a client that round-trips a flag without ids does not churn them).
 */
import { randomBytes } from 'node:crypto';
import type { EnvironmentConfig, FlagDefinition, Rule } from '@keystone/flags';
import { newId } from '../../platform/ids.ts';
import { canonical } from './change-summary.ts';

export function newSalt(): string {
  return randomBytes(12).toString('base64url');
}

export function prepareFlag(
  key: string,
  body: FlagDefinition,
  stored: FlagDefinition | undefined,
): FlagDefinition {
  const salt = stored?.salt ?? body.salt ?? newSalt();
  const environments: Record<string, EnvironmentConfig> = {};
  for (const [name, config] of Object.entries(body.environments)) {
    const previous = stored?.environments[name]?.rules ?? [];
    environments[name] = config.rules ? { ...config, rules: withRuleIds(config.rules, previous) } : config;
  }
  return { ...body, key, salt, environments };
}

function withRuleIds(rules: readonly Rule[], previous: readonly Rule[]): Rule[] {
  const taken = new Set(rules.flatMap((rule) => (rule.id ? [rule.id] : [])));
  return rules.map((rule) => {
    if (rule.id) return rule;
    const shape = ruleShape(rule);
    const same = previous.find((old) => old.id && !taken.has(old.id) && ruleShape(old) === shape);
    const id = same?.id ?? newId('rule');
    taken.add(id);
    return { id, ...rule };
  });
}

function ruleShape(rule: Rule): string {
  return canonical([rule.clauses, rule.serve]);
}
