import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FlagDefinition } from '../definition.ts';
import { ENVIRONMENT, evaluator, stringFlag } from '../test-support.ts';
import { compileFlagSet } from './flag-set.ts';

const targetingAndRules = stringFlag('banner', {
  targets: [
    { variant: 'red', values: ['u-red'] },
    { variant: 'blue', attribute: 'organization', values: ['org-blue'] },
  ],
  rules: [
    {
      id: 'fr',
      clauses: [{ attribute: 'country', operator: 'in', values: ['FR'] }],
      serve: { variant: 'blue' },
    },
    {
      id: 'fr-pro',
      clauses: [
        { attribute: 'country', operator: 'in', values: ['FR'] },
        { attribute: 'plan', operator: 'in', values: ['pro'] },
      ],
      serve: { variant: 'red' },
    },
    {
      id: 'split',
      clauses: [{ attribute: 'plan', operator: 'in', values: ['trial'] }],
      serve: {
        rollout: {
          variants: [
            { variant: 'red', weight: 50_000 },
            { variant: 'blue', weight: 50_000 },
          ],
        },
      },
    },
  ],
  fallthrough: { variant: 'green' },
});

test('targets come before rules; the first matching rule wins; then the fallthrough (DEFAULT)', () => {
  const flags = evaluator([targetingAndRules]);
  const evaluate = (context: Record<string, unknown>) =>
    flags.evaluate('banner', 'string', 'default', context);
  const target = evaluate({ targetingKey: 'u-red', country: 'FR' });
  assert.deepEqual([target.value, target.variant, target.reason], ['R', 'red', 'TARGETING_MATCH']);
  assert.equal(target.flagMetadata?.targetIndex, 0);
  assert.equal(evaluate({ targetingKey: 'u1', organization: 'org-blue' }).variant, 'blue');
  const rule = evaluate({ targetingKey: 'u1', country: 'FR', plan: 'pro' });
  assert.deepEqual([rule.variant, rule.reason, rule.flagMetadata?.ruleId], ['blue', 'TARGETING_MATCH', 'fr']);
  const split = evaluate({ targetingKey: 'u1', plan: 'trial' });
  assert.equal(split.reason, 'SPLIT');
  assert.equal(split.flagMetadata?.ruleId, 'split');
  const fallthrough = evaluate({ targetingKey: 'u1', country: 'US' });
  assert.deepEqual([fallthrough.value, fallthrough.variant, fallthrough.reason], ['G', 'green', 'DEFAULT']);
});

test('STATIC when the environment has no targets, rules or rollout; SPLIT for a fallthrough rollout', () => {
  const flags = evaluator([
    stringFlag('static'),
    stringFlag('split', { fallthrough: { rollout: { variants: [{ variant: 'blue', weight: 100_000 }] } } }),
  ]);
  const result = flags.evaluate('static', 'string', 'd', {});
  assert.deepEqual([result.value, result.variant, result.reason], ['G', 'green', 'STATIC']);
  assert.deepEqual(flags.evaluate('split', 'string', 'd', { targetingKey: 'u' }).variant, 'blue');
  assert.equal(flags.evaluate('split', 'string', 'd', { targetingKey: 'u' }).reason, 'SPLIT');
});

test('off, or not configured in the environment: the off variant, DISABLED', () => {
  const off = stringFlag('off', {
    on: false,
    off_variant: 'red',
    targets: [{ variant: 'blue', values: ['u'] }],
  });
  const elsewhere: FlagDefinition = {
    ...stringFlag('elsewhere'),
    off_variant: 'blue',
    environments: { staging: { on: true, off_variant: 'off', fallthrough: { variant: 'green' } } },
  };
  const flags = evaluator([off, elsewhere]);
  const result = flags.evaluate('off', 'string', 'd', { targetingKey: 'u' });
  assert.deepEqual([result.value, result.variant, result.reason], ['R', 'red', 'DISABLED']);
  assert.deepEqual(flags.evaluate('elsewhere', 'string', 'd', {}).variant, 'blue');
  assert.deepEqual(flags.evaluate('elsewhere', 'string', 'd', {}).reason, 'DISABLED');
});

test('prerequisites: met, not met, off, chained, missing; failure serves the off variant', () => {
  const base = stringFlag('base', {
    rules: [
      { clauses: [{ attribute: 'plan', operator: 'in', values: ['pro'] }], serve: { variant: 'blue' } },
    ],
  });
  const middle = stringFlag('middle', {
    prerequisites: [{ flag: 'base', variant: 'blue' }],
    fallthrough: { variant: 'red' },
  });
  const top = stringFlag('top', {
    off_variant: 'green',
    prerequisites: [{ flag: 'middle', variant: 'red' }],
    fallthrough: { variant: 'blue' },
  });
  const offBase = stringFlag('off-base', { on: false, off_variant: 'blue' });
  const onOffBase = stringFlag('needs-off', { prerequisites: [{ flag: 'off-base', variant: 'blue' }] });
  const onMissing = stringFlag('needs-missing', { prerequisites: [{ flag: 'ghost', variant: 'blue' }] });
  const flags = evaluator([base, middle, top, offBase, onOffBase, onMissing]);
  const pro = { targetingKey: 'u', plan: 'pro' };
  const free = { targetingKey: 'u', plan: 'free' };
  assert.deepEqual(pick(flags.evaluate('middle', 'string', 'd', pro)), ['red', 'STATIC']);
  assert.deepEqual(pick(flags.evaluate('middle', 'string', 'd', free)), ['off', 'PREREQUISITE_FAILED']);
  assert.deepEqual(pick(flags.evaluate('top', 'string', 'd', pro)), ['blue', 'STATIC']);
  assert.deepEqual(pick(flags.evaluate('top', 'string', 'd', free)), ['green', 'PREREQUISITE_FAILED']);
  // An off prerequisite fails even when its off variant is the one required.
  assert.deepEqual(pick(flags.evaluate('needs-off', 'string', 'd', pro)), ['off', 'PREREQUISITE_FAILED']);
  assert.deepEqual(pick(flags.evaluate('needs-missing', 'string', 'd', pro)), ['off', 'PREREQUISITE_FAILED']);
});

test('a prerequisite cycle in an unvalidated set fails the prerequisite instead of recursing forever', () => {
  const a = stringFlag('a', { prerequisites: [{ flag: 'b', variant: 'green' }] });
  const b = stringFlag('b', { prerequisites: [{ flag: 'a', variant: 'green' }] });
  assert.equal(evaluator([a, b]).evaluate('a', 'string', 'd', {}).reason, 'PREREQUISITE_FAILED');
});

test('a missing flag is FLAG_NOT_FOUND and a flag of another type TYPE_MISMATCH, with the default value', () => {
  const flags = evaluator([stringFlag('banner')]);
  const missing = flags.evaluate('nope', 'boolean', true, {});
  assert.deepEqual(
    [missing.value, missing.reason, missing.errorCode, missing.variant],
    [true, 'ERROR', 'FLAG_NOT_FOUND', undefined],
  );
  const mismatch = flags.evaluate('banner', 'number', 7, {});
  assert.deepEqual([mismatch.value, mismatch.reason, mismatch.errorCode], [7, 'ERROR', 'TYPE_MISMATCH']);
  assert.match(mismatch.errorMessage ?? '', /string/);
});

test('never throws: bad contexts, throwing getters, and flags that do not compile', () => {
  const broken = stringFlag('broken', {
    rules: [
      {
        clauses: [{ attribute: 'a', operator: 'matches', values: ['(unclosed'] }],
        serve: { variant: 'red' },
      },
    ],
  });
  const unknownVariant = stringFlag('unknown-variant', { fallthrough: { variant: 'purple' } });
  const flags = evaluator([broken, unknownVariant, targetingAndRules]);
  assert.equal(flags.evaluate('broken', 'string', 'd', {}).errorCode, 'PARSE_ERROR');
  assert.equal(flags.evaluate('unknown-variant', 'string', 'd', {}).errorCode, 'PARSE_ERROR');
  assert.equal(flags.evaluate('banner', 'string', 'd', null as never).errorCode, 'INVALID_CONTEXT');
  assert.equal(flags.evaluate('banner', 'string', 'd', 'user' as never).errorCode, 'INVALID_CONTEXT');
  const hostile = {
    get targetingKey(): string {
      throw new Error('boom');
    },
  };
  const result = flags.evaluate('banner', 'string', 'd', hostile);
  assert.deepEqual(
    [result.value, result.reason, result.errorCode, result.errorMessage],
    ['d', 'ERROR', 'GENERAL', 'boom'],
  );
  assert.equal(flags.evaluateAll(hostile).find((entry) => entry.key === 'banner')?.errorCode, 'GENERAL');
});

test('number, boolean and JSON flags; JSON values are frozen so one caller cannot change another’s', () => {
  const limits: FlagDefinition = {
    key: 'limits',
    type: 'json',
    variants: { small: { max: 5, tags: ['a'] }, large: { max: 50, tags: [] } },
    off_variant: 'small',
    environments: { [ENVIRONMENT]: { on: true, off_variant: 'small', fallthrough: { variant: 'large' } } },
  };
  const flags = evaluator([
    limits,
    { key: 'ratio', type: 'number', variants: { low: 0.1 }, off_variant: 'low', environments: {} },
    {
      key: 'dark',
      type: 'boolean',
      variants: { on: true, off: false },
      off_variant: 'off',
      environments: { [ENVIRONMENT]: { on: true, off_variant: 'off', fallthrough: { variant: 'on' } } },
    },
  ]);
  const json = flags.evaluate('limits', 'json', {}, {});
  assert.deepEqual(json.value, { max: 50, tags: [] });
  assert.throws(() => {
    (json.value as { tags: string[] }).tags.push('x');
  });
  assert.equal(flags.evaluate('ratio', 'number', 0, {}).value, 0.1);
  assert.equal(flags.evaluate('dark', 'boolean', false, {}).value, true);
  assert.equal(flags.evaluate('dark', 'json', {}, {}).errorCode, 'TYPE_MISMATCH');
});

test('evaluateAll answers every flag, with no value on errors', () => {
  const flags = evaluator([
    targetingAndRules,
    stringFlag('needs-org', {
      fallthrough: {
        rollout: { bucket_by: 'organization', variants: [{ variant: 'red', weight: 100_000 }] },
      },
    }),
  ]);
  const all = flags.evaluateAll({ targetingKey: 'u-red' });
  assert.deepEqual(
    all.map((entry) => [entry.key, entry.type, entry.value, entry.reason, entry.errorCode]),
    [
      ['banner', 'string', 'R', 'TARGETING_MATCH', undefined],
      ['needs-org', 'string', undefined, 'ERROR', 'TARGETING_KEY_MISSING'],
    ],
  );
});

test('metadata names the flag set version and, when served, the flag version', () => {
  const flags = compileFlagSet({
    environment: ENVIRONMENT,
    version: 42,
    segments: [],
    flags: [{ ...stringFlag('banner'), version: 3 }],
  });
  assert.deepEqual(flags.evaluate('banner', 'string', 'd', {}).flagMetadata, {
    flagSetVersion: 42,
    flagVersion: 3,
  });
  assert.equal(flags.version, 42);
  assert.equal(flags.environment, ENVIRONMENT);
});

function pick(result: { variant?: string; reason: string }): [string | undefined, string] {
  return [result.variant, result.reason];
}
