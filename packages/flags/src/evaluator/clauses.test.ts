import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Clause, ClauseOperator } from '../definition.ts';
import type { EvaluationContext } from '../evaluation.ts';
import { type ContextPredicate, compileClause } from './clauses.ts';
import { compileSegments } from './segments.ts';

const NO_SEGMENTS = new Map<string, ContextPredicate>();

function matches(
  operator: ClauseOperator,
  values: Clause['values'],
  attributeValue: unknown,
  negate = false,
): boolean {
  const predicate = compileClause({ attribute: 'a', operator, values, negate }, NO_SEGMENTS);
  return predicate(attributeValue === undefined ? {} : { a: attributeValue });
}

/** Each case: operator, values, attribute value, expected match (negated: the opposite). */
const cases: [ClauseOperator, Clause['values'], unknown, boolean][] = [
  ['in', ['FR', 'DE'], 'FR', true],
  ['in', ['FR', 'DE'], 'US', false],
  ['in', [1, 2], 2, true],
  ['in', [1, 2], '2', false], // by type and value
  ['in', [true], true, true],
  ['in', ['pro'], ['free', 'pro'], true], // a list attribute matches when any element does
  ['contains', ['@example.'], 'ann@example.com', true],
  ['contains', ['@example.'], 'ann@other.com', false],
  ['contains', ['1'], 123, false], // not a string
  ['starts_with', ['beta-', 'rc-'], 'rc-7', true],
  ['starts_with', ['beta-'], 'x-beta-1', false],
  ['ends_with', ['.edu'], 'mit.edu', true],
  ['ends_with', ['.edu'], 'edu.org', false],
  ['matches', ['^[a-z]+@corp\\.com$'], 'ann@corp.com', true],
  ['matches', ['^[a-z]+@corp\\.com$'], 'ann@corp.comx', false],
  ['matches', ['corp'], 'x corp y', true], // unanchored, like RegExp.test
  ['lt', [10], 9, true],
  ['lt', [10], 10, false],
  ['lt', [3, 10], 5, true], // any value: below 10
  ['lte', [10], 10, true],
  ['gt', [10], 11, true],
  ['gt', [10], 10, false],
  ['gte', [10], 10, true],
  ['gte', [10], '11', false], // a numeric string is not a number
  ['semver_eq', ['1.2.3'], '1.2.3', true],
  ['semver_eq', ['1.2.3'], '1.2.4', false],
  ['semver_lt', ['2.0.0'], '2.0.0-beta.1', true],
  ['semver_lt', ['2.0.0'], '2.0.0', false],
  ['semver_gt', ['1.9.9'], '1.10.0', true], // not a string comparison
  ['semver_gt', ['1.9.9'], '1.10', false], // not a version
  ['before', ['2030-01-01T00:00:00Z'], '2029-12-31T23:59:59Z', true],
  ['before', ['2030-01-01'], Date.UTC(2030, 0, 2), false],
  ['after', [Date.UTC(2020, 0, 1)], '2020-01-01T00:00:01.000Z', true],
  ['after', ['2020-01-01'], 'next tuesday', false],
];

for (const [operator, values, value, expected] of cases) {
  test(`${operator} ${JSON.stringify(values)} against ${JSON.stringify(value)}: ${expected}, negated ${!expected}`, () => {
    assert.equal(matches(operator, values, value), expected);
    assert.equal(matches(operator, values, value, true), !expected);
  });
}

test('a missing or null attribute never matches, negated or not, for every operator', () => {
  const values: Record<Exclude<ClauseOperator, 'segment_match'>, Clause['values']> = {
    in: ['x'],
    contains: ['x'],
    starts_with: ['x'],
    ends_with: ['x'],
    matches: ['.*'],
    lt: [1],
    lte: [1],
    gt: [1],
    gte: [1],
    semver_eq: ['1.0.0'],
    semver_lt: ['1.0.0'],
    semver_gt: ['1.0.0'],
    before: ['2030-01-01'],
    after: ['2000-01-01'],
  };
  for (const [operator, operatorValues] of Object.entries(values)) {
    for (const negate of [false, true]) {
      assert.equal(matches(operator as ClauseOperator, operatorValues, undefined, negate), false, operator);
      assert.equal(matches(operator as ClauseOperator, operatorValues, null, negate), false, operator);
    }
  }
});

test('attributes: exact key first, else a dotted path; own properties only', () => {
  const plan = compileClause(
    { attribute: 'organization.plan', operator: 'in', values: ['pro'] },
    NO_SEGMENTS,
  );
  assert.equal(plan({ organization: { plan: 'pro' } }), true);
  assert.equal(plan({ 'organization.plan': 'pro', organization: { plan: 'free' } }), true);
  assert.equal(plan({ 'organization.plan': 'free', organization: { plan: 'pro' } }), false);
  assert.equal(plan({ organization: 'org_1' }), false);
  assert.equal(plan({}), false);
  const proto = compileClause(
    { attribute: 'constructor', operator: 'in', values: ['x'], negate: true },
    NO_SEGMENTS,
  );
  assert.equal(proto({}), false, 'constructor is not an attribute of an empty context');
  const nestedProto = compileClause(
    { attribute: 'a.toString', operator: 'in', values: ['x'], negate: true },
    NO_SEGMENTS,
  );
  assert.equal(nestedProto({ a: {} }), false);
});

test('matches runs on RE2: a catastrophic-backtracking pattern on a long input answers at once', () => {
  const predicate = compileClause({ attribute: 'a', operator: 'matches', values: ['(a+)+$'] }, NO_SEGMENTS);
  const input = `${'a'.repeat(50_000)}b`;
  // JavaScript's RegExp backtracks exponentially here (already minutes at 30 characters); RE2 is
  // linear, so this test finishing at all is the check.
  assert.equal(predicate({ a: input }), false);
  assert.equal(predicate({ a: 'baaa' }), true);
});

test('segment_match: included, excluded, rules; negate; unknown segments contain no one', () => {
  const segments = compileSegments([
    {
      key: 'staff',
      included: ['u1', 'u2'],
      excluded: ['u2'],
      rules: [{ clauses: [{ attribute: 'email', operator: 'ends_with', values: ['@corp.com'] }] }],
    },
    { key: 'orgs', attribute: 'organization', included: ['org_1'] },
  ]);
  const staff = compileClause({ attribute: '', operator: 'segment_match', values: ['staff'] }, segments);
  const notStaff = compileClause(
    { attribute: '', operator: 'segment_match', values: ['staff'], negate: true },
    segments,
  );
  const either = compileClause(
    { attribute: '', operator: 'segment_match', values: ['nope', 'orgs', 'staff'] },
    segments,
  );
  const cases: [EvaluationContext, boolean][] = [
    [{ targetingKey: 'u1' }, true],
    [{ targetingKey: 'u2', email: 'u2@corp.com' }, false], // excluded beats the rules
    [{ targetingKey: 'u3', email: 'u3@corp.com' }, true],
    [{ email: 'anon@corp.com' }, true],
    [{ targetingKey: 'u4' }, false],
  ];
  for (const [context, expected] of cases) {
    assert.equal(staff(context), expected, JSON.stringify(context));
    assert.equal(notStaff(context), !expected, JSON.stringify(context));
  }
  assert.equal(either({ targetingKey: 'u9', organization: 'org_1' }), true);
  assert.equal(either({ targetingKey: 'u9', organization: 'org_2' }), false);
});
