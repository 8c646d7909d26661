import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EnvironmentConfig, FlagDefinition } from '@keystone/flags';
import { describeChange, sameJson } from './change-summary.ts';
import { prepareFlag } from './definition-prep.ts';
import { findStaleFlags, servedToEveryone } from './stale-flags.ts';

const env = (config: Partial<EnvironmentConfig> = {}): EnvironmentConfig => ({
  on: true,
  off_variant: 'off',
  fallthrough: { variant: 'on' },
  ...config,
});

const flag = (environments: Record<string, EnvironmentConfig>): FlagDefinition => ({
  key: 'f',
  type: 'boolean',
  variants: { on: true, off: false },
  off_variant: 'off',
  environments,
});

describe('describeChange', () => {
  it('names changed top-level fields and environment fields, added and removed environments', () => {
    const before = flag({ production: env(), staging: env() });
    const after = { ...flag({ production: env({ on: false }), development: env() }), name: 'x' };
    assert.deepEqual(describeChange(before as never, after as never).changes, [
      'name',
      'environments.development added',
      'environments.production.on',
      'environments.staging removed',
    ]);
    assert.deepEqual(describeChange(undefined, after as never), { changes: ['created'], summary: 'created' });
    assert.equal(describeChange(before as never, before as never).summary, 'no change');
  });

  it('compares JSON whatever the key order (jsonb reorders keys)', () => {
    assert.ok(sameJson({ a: 1, b: [{ c: 2, d: 3 }] }, { b: [{ d: 3, c: 2 }], a: 1 }));
    assert.ok(!sameJson({ a: [1, 2] }, { a: [2, 1] }));
  });
});

describe('prepareFlag', () => {
  const rule = {
    clauses: [{ attribute: 'plan', operator: 'in' as const, values: ['pro'] }],
    serve: { variant: 'on' },
  };

  it('sets a salt on create and keeps the stored one after; takes the path key', () => {
    const created = prepareFlag('k', flag({ production: env({ rules: [rule] }) }), undefined);
    assert.equal(created.key, 'k');
    assert.ok(created.salt && created.salt.length >= 16);
    const replaced = prepareFlag('k', { ...flag({}), salt: 'attempt' }, created);
    assert.equal(replaced.salt, created.salt);
  });

  it('gives rules ids, keeps given ids, and re-uses the stored id of an unchanged rule', () => {
    const stored = prepareFlag(
      'k',
      flag({ production: env({ rules: [rule, { ...rule, serve: { variant: 'off' } }] }) }),
      undefined,
    );
    const [first, second] = stored.environments.production?.rules ?? [];
    assert.match(first?.id ?? '', /^rule_/);
    assert.notEqual(first?.id, second?.id);
    // Reordered and sent without ids: each keeps its id; a new rule gets a new one; a given id stays.
    const next = prepareFlag(
      'k',
      flag({
        production: env({
          rules: [
            { ...rule, serve: { variant: 'off' } },
            rule,
            { ...rule, clauses: [] },
            { ...rule, id: 'mine', clauses: [] },
          ],
        }),
      }),
      stored,
    );
    const ids = next.environments.production?.rules?.map((r) => r.id);
    assert.equal(ids?.[0], second?.id);
    assert.equal(ids?.[1], first?.id);
    assert.ok(ids?.[2]?.startsWith('rule_') && ids[2] !== first?.id && ids[2] !== second?.id);
    assert.equal(ids?.[3], 'mine');
  });
});

describe('stale flags', () => {
  it('fully rolled out: on, no targeting, one variant or a 100% rollout to one', () => {
    assert.equal(servedToEveryone(env()), 'on');
    assert.equal(servedToEveryone(env({ on: false })), undefined);
    assert.equal(servedToEveryone(env({ targets: [{ variant: 'on', values: ['u'] }] })), undefined);
    assert.equal(servedToEveryone(env({ prerequisites: [{ flag: 'g', variant: 'on' }] })), undefined);
    const rollout = (weights: [string, number][]) =>
      env({
        fallthrough: { rollout: { variants: weights.map(([variant, weight]) => ({ variant, weight })) } },
      });
    assert.equal(
      servedToEveryone(
        rollout([
          ['on', 100_000],
          ['off', 0],
        ]),
      ),
      'on',
    );
    assert.equal(
      servedToEveryone(
        rollout([
          ['on', 99_999],
          ['off', 1],
        ]),
      ),
      undefined,
    );
  });

  it('not evaluated: last evaluation before the cutoff, or never and created before it', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const targeted = env({ rules: [{ clauses: [], serve: { variant: 'on' } }] });
    const stale = findStaleFlags({
      flags: [
        {
          definition: { ...flag({ production: targeted, staging: targeted }), key: 'old' },
          createdAt: daysAgo(100),
        },
        { definition: { ...flag({ production: targeted }), key: 'new' }, createdAt: daysAgo(1) },
      ],
      lastEvaluated: new Map([
        ['old\u0000production', daysAgo(5)],
        ['old\u0000staging', daysAgo(50)],
      ]),
      days: 30,
      now,
    });
    assert.deepEqual(
      stale.map((s) => [s.key, s.environment, s.reason, s.lastEvaluatedAt?.toISOString() ?? null]),
      [['old', 'staging', 'not_evaluated', daysAgo(50).toISOString()]],
    );
  });
});
