import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { flagAuditEntries } from './audit-entries.ts';
import { booleanFlag, type FlagBody, flagsClient } from './flags-client.ts';

type Definition = FlagBody;

/** A production configuration with one rule whose clause is `clause`. */
function withClause(clause: Record<string, unknown>): Definition {
  const flag = booleanFlag('faulty') as Definition;
  return {
    ...flag,
    environments: {
      ...flag.environments,
      production: {
        ...flag.environments.production,
        rules: [{ clauses: [clause], serve: { variant: 'on' } }],
      },
    },
  } as Definition;
}

function withProduction(changes: Record<string, unknown>): Definition {
  const flag = booleanFlag('faulty') as Definition;
  return {
    ...flag,
    environments: { ...flag.environments, production: { ...flag.environments.production, ...changes } },
  } as Definition;
}

/** Each fault, the JSON pointer it must be reported at. */
const FAULTS: { name: string; definition: Definition; path: string }[] = [
  {
    name: 'unknown off variant',
    definition: { ...booleanFlag('faulty'), off_variant: 'nope' },
    path: '/off_variant',
  },
  {
    name: 'variant value of the wrong type',
    definition: { ...booleanFlag('faulty'), variants: { on: true, off: 'no' } },
    path: '/variants/off',
  },
  { name: 'no variants', definition: { ...booleanFlag('faulty'), variants: {} }, path: '/variants' },
  {
    name: 'unknown environment',
    definition: {
      ...booleanFlag('faulty'),
      environments: { qa: { on: true, off_variant: 'off', fallthrough: { variant: 'on' } } },
    },
    path: '/environments/qa',
  },
  {
    name: 'unknown variant served by a rule',
    definition: withProduction({ rules: [{ clauses: [], serve: { variant: 'maybe' } }] }),
    path: '/environments/production/rules/0/serve/variant',
  },
  {
    name: 'rollout weights that do not sum to 100%',
    definition: withProduction({
      fallthrough: {
        rollout: {
          variants: [
            { variant: 'on', weight: 10_000 },
            { variant: 'off', weight: 80_000 },
          ],
        },
      },
    }),
    path: '/environments/production/fallthrough/rollout/variants',
  },
  {
    name: 'a regular expression that does not parse',
    definition: withClause({ attribute: 'email', operator: 'matches', values: ['(unclosed'] }),
    path: '/environments/production/rules/0/clauses/0/values/0',
  },
  {
    name: 'a version that is not semver',
    definition: withClause({ attribute: 'app', operator: 'semver_gt', values: ['one.two'] }),
    path: '/environments/production/rules/0/clauses/0/values/0',
  },
  {
    name: 'an unknown segment',
    definition: withClause({ attribute: '', operator: 'segment_match', values: ['nobody'] }),
    path: '/environments/production/rules/0/clauses/0/values/0',
  },
  {
    name: 'a prerequisite on itself',
    definition: withProduction({ prerequisites: [{ flag: 'faulty', variant: 'on' }] }),
    path: '/environments/production/prerequisites/0',
  },
  {
    name: 'a target value given to two variants',
    definition: withProduction({
      targets: [
        { variant: 'on', values: ['user-1'] },
        { variant: 'off', values: ['user-1'] },
      ],
    }),
    path: '/environments/production/targets/1/values/0',
  },
];

/** Every fault is a 422 naming its path, and nothing is written: no flag, version, audit entry or set version. */
describe('flag validation over HTTP', () => {
  let t: TestApp;
  let flags: ReturnType<typeof flagsClient>;
  before(async () => {
    t = await startTestApp();
    flags = flagsClient(t.app, t.operator);
  });
  after(() => t.close());

  for (const fault of FAULTS) {
    it(`refuses ${fault.name} at ${fault.path}, on create and on replace`, async () => {
      await flags.put('valid', booleanFlag('valid'));
      const before = await flags.get('valid');
      const setVersion = await t.app.flags.flagSetVersion();
      const audited = (await flagAuditEntries(t.database)).length;

      const created = await flags.call('PUT', '/v1/flags/faulty', fault.definition);
      assert.equal(created.statusCode, 422, created.body);
      const problem = created.json();
      assert.equal(problem.code, 'flag_invalid');
      const paths = problem.errors.map((error: { path: string }) => error.path);
      assert.ok(
        paths.some((path: string) => path.startsWith(fault.path)),
        `${fault.path} in ${paths}`,
      );
      assert.ok(problem.errors.every((error: { message: string }) => error.message.length > 0));
      assert.equal((await flags.call('GET', '/v1/flags/faulty')).statusCode, 404);

      const replaced = await flags.call('PUT', '/v1/flags/valid', { ...fault.definition, key: 'valid' });
      assert.equal(replaced.statusCode, 422, replaced.body);
      assert.deepEqual(await flags.get('valid'), before);
      assert.equal(await t.app.flags.flagSetVersion(), setVersion);
      assert.equal((await flagAuditEntries(t.database)).length, audited);
      assert.equal((await flags.versions('valid')).length, 1);
    });
  }

  it('refuses cyclic prerequisites across flags (A needs B, B needs A)', async () => {
    await flags.put('cycle-a', booleanFlag('cycle-a'));
    const b = withProduction({ prerequisites: [{ flag: 'cycle-a', variant: 'on' }] });
    await flags.put('cycle-b', { ...b, key: 'cycle-b' });
    const a = withProduction({ prerequisites: [{ flag: 'cycle-b', variant: 'on' }] });
    const res = await flags.call('PUT', '/v1/flags/cycle-a', { ...a, key: 'cycle-a' });
    assert.equal(res.statusCode, 422, res.body);
    assert.ok(
      res
        .json()
        .errors.some((error: { path: string }) =>
          error.path.startsWith('/environments/production/prerequisites'),
        ),
      res.body,
    );
    assert.equal((await flags.get('cycle-a')).version, 1);
  });

  it('a body of the wrong shape is validation_failed (400) naming the field', async () => {
    const res = await flags.call('PUT', '/v1/flags/shape', { ...booleanFlag('shape'), colour: 'red' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'validation_failed');
  });
});
