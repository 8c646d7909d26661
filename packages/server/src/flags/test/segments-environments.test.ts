import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { flagAuditEntries } from './audit-entries.ts';
import { booleanFlag, flagsClient } from './flags-client.ts';

/** Segments and environments over HTTP, and the stale-flag list. */
describe('flag segments, environments and stale flags over HTTP', () => {
  let t: TestApp;
  let flags: ReturnType<typeof flagsClient>;
  before(async () => {
    t = await startTestApp();
    flags = flagsClient(t.app, t.operator);
  });
  after(() => t.close());

  const usingSegment = (key: string, segment: string) => {
    const flag = booleanFlag(key);
    flag.environments.production = {
      ...flag.environments.production,
      rules: [
        {
          clauses: [{ attribute: '', operator: 'segment_match', values: [segment] }],
          serve: { variant: 'on' },
        },
      ],
    };
    return flag;
  };

  it('creates, replaces, reads, lists and versions a segment; each change audited', async () => {
    const created = await flags.call('PUT', '/v1/flag-segments/testers', {
      name: 'Testers',
      included: ['u1', 'u2'],
      rules: [{ clauses: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }] }],
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().version, 1);
    const replaced = await flags.call('PUT', '/v1/flag-segments/testers', {
      name: 'Testers',
      included: ['u1'],
    });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal(replaced.json().version, 2);
    const read = (await flags.call('GET', '/v1/flag-segments/testers')).json();
    assert.deepEqual(read.definition, { key: 'testers', name: 'Testers', included: ['u1'] });
    const list = (await flags.call('GET', '/v1/flag-segments')).json();
    assert.deepEqual(
      list.data.map((s: { key: string }) => s.key),
      ['testers'],
    );
    const versions = (await flags.call('GET', '/v1/flag-segments/testers/versions')).json().data;
    assert.deepEqual(
      versions.map((v: { version: number }) => v.version),
      [2, 1],
    );
    assert.deepEqual(versions[0].changes, ['included', 'rules']);
    const actions = (await flagAuditEntries(t.database))
      .filter((e) => e.target_type === 'flag_segment')
      .map((e) => e.action);
    assert.deepEqual(actions, ['flag_segment.created', 'flag_segment.updated']);
    const set = await t.app.flags.flagSet('production');
    assert.deepEqual(
      set.segments.map((s) => s.key),
      ['testers'],
    );
  });

  it('refuses an invalid segment (422 with the path) and writes nothing', async () => {
    const res = await flags.call('PUT', '/v1/flag-segments/bad', {
      rules: [{ clauses: [{ attribute: '', operator: 'segment_match', values: ['testers'] }] }],
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'segment_invalid');
    assert.ok(res.json().errors[0].path.startsWith('/rules/0/clauses/0'), res.body);
    assert.equal((await flags.call('GET', '/v1/flag-segments/bad')).statusCode, 404);
  });

  it('a segment a flag uses cannot be deleted (409 naming the flags); unused, it can', async () => {
    await flags.call('PUT', '/v1/flag-segments/in-use', { included: ['u1'] });
    await flags.put('uses-segment', usingSegment('uses-segment', 'in-use'));
    const refused = await flags.call('DELETE', '/v1/flag-segments/in-use');
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().code, 'segment_in_use');
    assert.deepEqual(refused.json().flags, ['uses-segment']);
    await flags.put('uses-segment', booleanFlag('uses-segment'));
    assert.equal((await flags.call('DELETE', '/v1/flag-segments/in-use')).statusCode, 204);
    assert.equal((await flags.call('GET', '/v1/flag-segments/in-use')).json().code, 'segment_not_found');
    assert.equal((await flags.call('DELETE', '/v1/flag-segments/in-use')).statusCode, 404);
  });

  it('has development, staging and production; adds one; refuses a duplicate; deletes only unused', async () => {
    const list = (await flags.call('GET', '/v1/flag-environments')).json();
    assert.deepEqual(list.data.map((e: { key: string }) => e.key).sort(), [
      'development',
      'production',
      'staging',
    ]);
    const added = await flags.call('POST', '/v1/flag-environments', { key: 'qa', name: 'QA' });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(
      (await flags.call('POST', '/v1/flag-environments', { key: 'qa', name: 'QA' })).json().code,
      'environment_exists',
    );
    // Usable at once, in definitions and as a flag set.
    const flag = booleanFlag('in-qa');
    flag.environments.qa = { on: true, off_variant: 'off', fallthrough: { variant: 'on' } };
    await flags.put('in-qa', flag);
    assert.equal((await t.app.flags.flagSet('qa')).environment, 'qa');
    const refused = await flags.call('DELETE', '/v1/flag-environments/qa');
    assert.equal(refused.statusCode, 409);
    assert.deepEqual(refused.json().flags, ['in-qa']);
    await flags.put('in-qa', booleanFlag('in-qa'));
    assert.equal((await flags.call('DELETE', '/v1/flag-environments/qa')).statusCode, 204);
    await assert.rejects(t.app.flags.flagSet('qa'), { code: 'environment_not_found' });
    assert.equal(
      (await flags.call('POST', '/v1/flag-environments', { key: 'Bad Key', name: 'x' })).statusCode,
      400,
    );
  });

  it('lists stale flags: not evaluated in N days per environment, or fully rolled out, with why', async () => {
    const rolledOut = booleanFlag('rolled-out');
    rolledOut.environments.production = {
      on: true,
      off_variant: 'off',
      fallthrough: {
        rollout: {
          variants: [
            { variant: 'on', weight: 100_000 },
            { variant: 'off', weight: 0 },
          ],
        },
      },
    };
    await flags.put('rolled-out', rolledOut);
    await flags.put('busy', booleanFlag('busy'));
    const now = new Date();
    await t.app.flags.recordEvaluations('production', ['busy', 'rolled-out'], now);
    await t.app.flags.recordEvaluations('development', ['busy'], new Date(now.getTime() - 40 * 86_400_000));
    // An older batch never moves a time back.
    await t.app.flags.recordEvaluations('production', ['busy'], new Date(now.getTime() - 90 * 86_400_000));

    // Flags created just now are not stale for want of evaluations; in 31 days they would be.
    const today = await t.app.flags.staleFlags(30, now);
    const todayKeys = today.filter((s) => s.key === 'busy' || s.key === 'rolled-out');
    assert.deepEqual(
      todayKeys.map((s) => [s.key, s.environment, s.reason, s.variant]),
      [
        ['busy', 'development', 'not_evaluated', null],
        ['busy', 'development', 'fully_rolled_out', 'on'],
        ['rolled-out', 'development', 'fully_rolled_out', 'on'],
        ['rolled-out', 'production', 'fully_rolled_out', 'on'],
      ],
    );
    const later = await t.app.flags.staleFlags(30, new Date(now.getTime() + 31 * 86_400_000));
    assert.ok(
      later.some((s) => s.key === 'busy' && s.environment === 'production' && s.reason === 'not_evaluated'),
    );
    assert.ok(
      later.some(
        (s) =>
          s.key === 'rolled-out' &&
          s.environment === 'development' &&
          s.reason === 'not_evaluated' &&
          s.lastEvaluatedAt === null,
      ),
    );

    const res = await flags.call('GET', '/v1/flags/stale?days=30');
    assert.equal(res.statusCode, 200, res.body);
    const busyDev = res
      .json()
      .data.find(
        (s: { key: string; environment: string }) => s.key === 'busy' && s.environment === 'development',
      );
    assert.equal(busyDev.reason, 'not_evaluated');
    assert.equal(typeof busyDev.last_evaluated_at, 'string');
  });
});
