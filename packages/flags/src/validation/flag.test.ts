import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FlagDefinition } from '../definition.ts';
import { ENVIRONMENT, stringFlag } from '../test-support.ts';
import { validateFlag } from './flag.ts';
import type { KnownDefinitions } from './known.ts';

const other: FlagDefinition = {
  ...stringFlag('other'),
  variants: { on: 'yes', off: 'no' },
  off_variant: 'off',
  environments: { [ENVIRONMENT]: { on: true, off_variant: 'off', fallthrough: { variant: 'on' } } },
};
const known: KnownDefinitions = {
  environments: ['development', 'staging', ENVIRONMENT],
  segments: ['beta'],
  flags: [other],
};

/** The problems of `stringFlag('banner', config, extra)`, as `path: message` lines. */
function problems(definition: unknown, against: KnownDefinitions = known): string[] {
  return validateFlag(definition, against).map((problem) => `${problem.path}: ${problem.message}`);
}

function only(definition: unknown, path: string, message: RegExp, against?: KnownDefinitions): void {
  const found = problems(definition, against);
  assert.equal(found.length, 1, found.join('\n'));
  assert.ok(found[0]?.startsWith(`${path}: `), found[0]);
  assert.match(found[0] ?? '', message);
}

const rules = (...clauses: unknown[]) => ({ rules: [{ clauses, serve: { variant: 'red' } }] }) as never;
const rulesPath = `/environments/${ENVIRONMENT}/rules/0`;

test('a complete, valid flag has no problems', () => {
  const flag = stringFlag('banner', {
    prerequisites: [{ flag: 'other', variant: 'on' }],
    targets: [
      { variant: 'red', values: ['u1'] },
      { variant: 'blue', attribute: 'organization', values: ['u1'] },
    ],
    rules: [
      {
        id: 'r1',
        clauses: [
          { attribute: 'email', operator: 'matches', values: ['@corp\\.com$'] },
          { attribute: '', operator: 'segment_match', values: ['beta'] },
        ],
        serve: { variant: 'blue' },
      },
      {
        clauses: [],
        serve: {
          rollout: {
            bucket_by: 'organization',
            variants: [
              { variant: 'red', weight: 25_000 },
              { variant: 'blue', weight: 75_000 },
            ],
          },
        },
      },
    ],
  });
  assert.deepEqual(problems(flag), []);
});

test('bad keys, bad variant names, no variants, unknown types', () => {
  only(stringFlag('-banner'), '/key', /invalid flag key "-banner"/);
  only(stringFlag('a/b'), '/key', /invalid flag key/);
  only(
    { ...stringFlag('banner'), variants: { ...stringFlag('banner').variants, 'bad name': 'x' } },
    '/variants/bad name',
    /invalid variant name "bad name"/,
  );
  assert.ok(
    problems({ ...stringFlag('banner'), variants: {} }).some((line) =>
      line.startsWith('/variants: a flag needs at least one variant'),
    ),
  );
  only({ ...stringFlag('banner'), type: 'date' }, '/type', /unknown flag type "date"/);
  only('banner', '', /must be an object/);
});

test('a variant value of the wrong JSON type for the flag type', () => {
  only(
    { ...stringFlag('banner'), variants: { red: 'R', green: 'G', blue: 3, off: 'OFF' } },
    '/variants/blue',
    /value 3, which is not a string/,
  );
  only(
    {
      ...stringFlag('banner'),
      type: 'boolean',
      variants: { red: true, green: false, blue: 'true', off: false },
    },
    '/variants/blue',
    /not a boolean/,
  );
  only(
    { ...stringFlag('banner'), type: 'number', variants: { red: 1, green: 2, blue: Number.NaN, off: 0 } },
    '/variants/blue',
    /not a number/,
  );
  only(
    { ...stringFlag('banner'), type: 'json', variants: { red: {}, green: [], blue: 'x', off: { a: null } } },
    '/variants/blue',
    /not a JSON object or array/,
  );
});

test('unknown variants: off variants, targets, rules, rollouts, and the prerequisite flag’s variants', () => {
  only({ ...stringFlag('banner'), off_variant: 'purple' }, '/off_variant', /unknown variant "purple"/);
  only(
    stringFlag('banner', { off_variant: 'purple' }),
    `/environments/${ENVIRONMENT}/off_variant`,
    /unknown variant "purple"/,
  );
  only(
    stringFlag('banner', { targets: [{ variant: 'purple', values: ['u'] }] }),
    `/environments/${ENVIRONMENT}/targets/0/variant`,
    /unknown variant/,
  );
  only(
    stringFlag('banner', { rules: [{ clauses: [], serve: { variant: 'purple' } }] }),
    `${rulesPath}/serve/variant`,
    /unknown variant/,
  );
  only(
    stringFlag('banner', {
      fallthrough: { rollout: { variants: [{ variant: 'purple', weight: 100_000 }] } },
    }),
    `/environments/${ENVIRONMENT}/fallthrough/rollout/variants/0/variant`,
    /unknown variant "purple"/,
  );
  only(
    stringFlag('banner', { prerequisites: [{ flag: 'other', variant: 'red' }] }),
    `/environments/${ENVIRONMENT}/prerequisites/0/variant`,
    /flag other has no variant "red"; its variants are on, off/,
  );
  only(
    stringFlag('banner', { prerequisites: [{ flag: 'ghost', variant: 'on' }] }),
    `/environments/${ENVIRONMENT}/prerequisites/0/flag`,
    /unknown prerequisite flag "ghost"/,
  );
});

test('unknown environments', () => {
  const flag = {
    ...stringFlag('banner'),
    environments: {
      ...stringFlag('banner').environments,
      qa: stringFlag('banner').environments[ENVIRONMENT],
    },
  };
  only(
    flag,
    '/environments/qa',
    /unknown environment "qa"; the instance has development, staging, production/,
  );
});

test('rollout weights: integers ≥ 0 summing to 100000', () => {
  const rollout = (...weights: unknown[]) =>
    stringFlag('banner', {
      fallthrough: {
        rollout: {
          variants: weights.map((weight, index) => ({ variant: ['red', 'blue', 'green'][index], weight })),
        },
      },
    } as never);
  const at = `/environments/${ENVIRONMENT}/fallthrough/rollout/variants`;
  only(rollout(10_000, 80_000), at, /sum to 90000; they must sum to 100000/);
  only(rollout(10_000.5, 90_000), `${at}/0/weight`, /integer ≥ 0/);
  only(rollout(-10_000, 110_000), `${at}/0/weight`, /integer ≥ 0/);
  only(rollout('50000', 50_000), `${at}/0/weight`, /integer ≥ 0/);
  assert.deepEqual(problems(rollout(0, 100_000, 0)), []);
  only(
    stringFlag('banner', { fallthrough: { variant: 'red', rollout: { variants: [] } } as never }),
    `/environments/${ENVIRONMENT}/fallthrough`,
    /exactly one/,
  );
});

test('the same target value for two variants', () => {
  only(
    stringFlag('banner', {
      targets: [
        { variant: 'red', values: ['u1', 'u2'] },
        { variant: 'blue', values: ['u3', 'u2'] },
      ],
    }),
    `/environments/${ENVIRONMENT}/targets/1/values/1`,
    /targetingKey "u2" is already a target of variant "red"/,
  );
});

test('a regular expression that is not valid RE2 syntax', () => {
  only(
    stringFlag('banner', rules({ attribute: 'email', operator: 'matches', values: ['ok', '(unclosed'] })),
    `${rulesPath}/clauses/0/values/1`,
    /"\(unclosed" is not a valid RE2 regular expression: .*missing closing \)/,
  );
  // Backreferences are not RE2 (they are what makes backtracking necessary).
  only(
    stringFlag('banner', rules({ attribute: 'email', operator: 'matches', values: ['(a)\\1'] })),
    `${rulesPath}/clauses/0/values/0`,
    /not a valid RE2/,
  );
});

test('values of the wrong kind for the operator', () => {
  const fault = (operator: string, value: unknown, message: RegExp) =>
    only(
      stringFlag('banner', rules({ attribute: 'x', operator, values: [value] })),
      `${rulesPath}/clauses/0/values/0`,
      message,
    );
  fault('lt', '10', /lt compares numbers; "10" is not a number/);
  fault('gte', null, /gte compares numbers/);
  fault('semver_gt', '1.2', /semver_gt compares semantic versions; "1.2" is not one/);
  fault('semver_eq', 3, /semver_eq compares semantic versions/);
  fault('before', '01/02/2030', /before compares dates; "01\/02\/2030" is not an ISO 8601 date/);
  fault('after', 'soon', /after compares dates/);
  fault('contains', 5, /contains compares strings/);
  fault('in', { a: 1 }, /is not a string, number or boolean/);
  only(
    stringFlag('banner', rules({ attribute: 'x', operator: 'like', values: ['a'] })),
    `${rulesPath}/clauses/0/operator`,
    /unknown operator "like"/,
  );
  only(
    stringFlag('banner', rules({ attribute: 'x', operator: 'in', values: [] })),
    `${rulesPath}/clauses/0/values`,
    /non-empty/,
  );
  only(
    stringFlag('banner', rules({ attribute: '', operator: 'in', values: ['a'] })),
    `${rulesPath}/clauses/0/attribute`,
    /non-empty/,
  );
});

test('unknown segments', () => {
  only(
    stringFlag('banner', rules({ attribute: '', operator: 'segment_match', values: ['beta', 'gamma'] })),
    `${rulesPath}/clauses/0/values/1`,
    /unknown segment "gamma"/,
  );
});

test('a prerequisite on itself, and cyclic prerequisites across the flags given', () => {
  only(
    stringFlag('banner', { prerequisites: [{ flag: 'banner', variant: 'red' }] }),
    `/environments/${ENVIRONMENT}/prerequisites/0/flag`,
    /cannot be its own prerequisite/,
  );
  const a = stringFlag('a', { prerequisites: [{ flag: 'b', variant: 'red' }] });
  const b = stringFlag('b', { prerequisites: [{ flag: 'c', variant: 'red' }] });
  const c = stringFlag('c', { prerequisites: [{ flag: 'a', variant: 'red' }] });
  const withCycle: KnownDefinitions = { ...known, flags: [a, b] };
  only(
    c,
    `/environments/${ENVIRONMENT}/prerequisites/0/flag`,
    /cyclic prerequisites in production: c → a → b → c/,
    withCycle,
  );
  // The stored version of the flag being saved is replaced by the new one: removing the edge fixes it.
  assert.deepEqual(problems(stringFlag('c'), { ...known, flags: [a, b, c] }), []);
  // The same edges in different environments are not a cycle (prerequisites are per environment).
  const bStaging: FlagDefinition = {
    ...b,
    environments: {
      staging: {
        on: true,
        off_variant: 'off',
        prerequisites: [{ flag: 'c', variant: 'red' }],
        fallthrough: { variant: 'red' },
      },
    },
  };
  assert.deepEqual(problems(c, { ...known, flags: [a, bStaging] }), []);
});

test('every fault is reported at once, nothing stops at the first', () => {
  const flag = {
    ...stringFlag('banner', { off_variant: 'x', targets: [{ variant: 'y', values: ['u'] }] }),
    off_variant: 'z',
  };
  assert.equal(problems(flag).length, 3);
});
