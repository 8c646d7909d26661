/** Distribution and stickiness of percentage rollouts over 100k keys. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rollout } from '../definition.ts';
import { evaluator, stringFlag } from '../test-support.ts';
import { rolloutBucket } from './rollout.ts';

const KEYS = 100_000;
const userKey = (index: number) => `user-${index}`;

function rolloutFlag(rollout: Rollout, salt = 'salt-1') {
  return evaluator([stringFlag('checkout', { fallthrough: { rollout } }, { salt })]);
}

/** The variant each of the 100k users gets. */
function variants(
  rollout: Rollout,
  salt?: string,
  context: (index: number) => Record<string, unknown> = (index) => ({ targetingKey: userKey(index) }),
): string[] {
  const flags = rolloutFlag(rollout, salt);
  return Array.from({ length: KEYS }, (_, index) => {
    const result = flags.evaluate('checkout', 'string', 'default', context(index));
    assert.equal(result.reason, 'SPLIT');
    return result.variant as string;
  });
}

const count = (list: string[], variant: string) => list.filter((entry) => entry === variant).length;

const tenPercent: Rollout = {
  variants: [
    { variant: 'red', weight: 10_000 },
    { variant: 'off', weight: 90_000 },
  ],
};
const twentyPercent: Rollout = {
  variants: [
    { variant: 'red', weight: 20_000 },
    { variant: 'off', weight: 80_000 },
  ],
};

test('a 10% rollout serves 10% of 100k users, within ±0.5%', () => {
  const share = count(variants(tenPercent), 'red') / KEYS;
  assert.ok(Math.abs(share - 0.1) <= 0.005, `share ${share}`);
});

test('a 33/33/34 split gives each variant its share of 100k users, within ±0.5%', () => {
  const served = variants({
    variants: [
      { variant: 'red', weight: 33_000 },
      { variant: 'green', weight: 33_000 },
      { variant: 'blue', weight: 34_000 },
    ],
  });
  for (const [variant, expected] of [
    ['red', 0.33],
    ['green', 0.33],
    ['blue', 0.34],
  ] as const) {
    const share = count(served, variant) / KEYS;
    assert.ok(Math.abs(share - expected) <= 0.005, `${variant}: ${share}`);
  }
});

test('raising 10% to 20% keeps every user of the first 10% in, and adds about 10% more', () => {
  const before = variants(tenPercent);
  const after = variants(twentyPercent);
  let kept = 0;
  for (let index = 0; index < KEYS; index++) {
    if (before[index] === 'red') {
      assert.equal(after[index], 'red', `${userKey(index)} left the rollout`);
      kept++;
    }
  }
  assert.ok(kept > 9_000);
  const share = count(after, 'red') / KEYS;
  assert.ok(Math.abs(share - 0.2) <= 0.005, `share ${share}`);
});

test('the same user gets the same variant from every compiled copy of the flag (sticky)', () => {
  assert.deepEqual(variants(tenPercent).slice(0, 2_000), variants(tenPercent).slice(0, 2_000));
});

test('bucketing by organization gives every user of one organization the same variant', () => {
  const byOrganization: Rollout = { bucket_by: 'organization', variants: tenPercent.variants };
  const served = variants(byOrganization, 'salt-1', (index) => ({
    targetingKey: userKey(index),
    organization: `org-${index % 1_000}`,
  }));
  const perOrganization = new Map<string, Set<string>>();
  served.forEach((variant, index) => {
    const organization = `org-${index % 1_000}`;
    const seen = perOrganization.get(organization) ?? new Set<string>();
    seen.add(variant);
    perOrganization.set(organization, seen);
  });
  assert.equal(perOrganization.size, 1_000);
  for (const [organization, seen] of perOrganization) assert.equal(seen.size, 1, `${organization} is split`);
  const organizationsIn = [...perOrganization.values()].filter((seen) => seen.has('red')).length;
  assert.ok(
    organizationsIn > 50 && organizationsIn < 150,
    `${organizationsIn} of 1000 organizations in a 10% rollout`,
  );
});

test('a rollout without its bucketing attribute is TARGETING_KEY_MISSING with the default value', () => {
  const flags = evaluator([
    stringFlag('checkout', {
      fallthrough: { rollout: { bucket_by: 'organization', variants: tenPercent.variants } },
    }),
  ]);
  const result = flags.evaluate('checkout', 'string', 'default', { targetingKey: 'u1' });
  assert.equal(result.value, 'default');
  assert.equal(result.reason, 'ERROR');
  assert.equal(result.errorCode, 'TARGETING_KEY_MISSING');
  assert.equal(flags.evaluate('checkout', 'string', 'default', { organization: 42 }).reason, 'SPLIT');
  assert.equal(
    flags.evaluate('checkout', 'string', 'd', { organization: { id: 1 } }).errorCode,
    'TARGETING_KEY_MISSING',
  );
});

test('different salts give independent buckets', () => {
  const saltA = variants(tenPercent, 'salt-a');
  const saltB = variants(tenPercent, 'salt-b');
  let both = 0;
  for (let index = 0; index < KEYS; index++) if (saltA[index] === 'red' && saltB[index] === 'red') both++;
  // Independent 10% draws overlap on 1% of users (1000 of 100k); the same draw would overlap on 10%.
  assert.ok(Math.abs(both / KEYS - 0.01) <= 0.002, `overlap ${both}`);
});

test('the bucket is murmur3 of flagKey.salt.value mod 100000, variants filling buckets in order', () => {
  const flags = rolloutFlag(tenPercent, 'abc');
  for (let index = 0; index < 1_000; index++) {
    const bucket = rolloutBucket('checkout', 'abc', userKey(index));
    const expected = bucket < 10_000 ? 'red' : 'off';
    assert.equal(
      flags.evaluate('checkout', 'string', 'd', { targetingKey: userKey(index) }).variant,
      expected,
    );
  }
  assert.equal(rolloutBucket('checkout', undefined, 'u'), rolloutBucket('checkout', '', 'u'));
});
