import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSegment } from './segment.ts';

const paths = (segment: unknown) =>
  validateSegment(segment).map((problem) => `${problem.path}: ${problem.message}`);

test('a valid segment has no problems', () => {
  assert.deepEqual(
    paths({
      key: 'beta',
      attribute: 'organization',
      included: ['org_1'],
      excluded: ['org_2'],
      rules: [{ clauses: [{ attribute: 'plan', operator: 'in', values: ['pro'] }] }],
    }),
    [],
  );
});

test('segments refuse segment_match, bad keys, bad clause values and non-string members', () => {
  assert.deepEqual(
    paths({
      key: 'beta',
      rules: [{ clauses: [{ attribute: '', operator: 'segment_match', values: ['other'] }] }],
    }),
    ['/rules/0/clauses/0/operator: a segment cannot use segment_match (segments do not nest)'],
  );
  assert.match(paths({ key: 'no spaces' })[0] ?? '', /^\/key: invalid segment key "no spaces"/);
  assert.match(
    paths({
      key: 'beta',
      rules: [{ clauses: [{ attribute: 'v', operator: 'semver_lt', values: ['x'] }] }],
    })[0] ?? '',
    /^\/rules\/0\/clauses\/0\/values\/0: semver_lt compares semantic versions/,
  );
  assert.deepEqual(paths({ key: 'beta', included: ['a', 2] }), [
    '/included/1: included values are strings; 2 is not one',
  ]);
});
