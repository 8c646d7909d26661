import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { flagAuditEntries } from './audit-entries.ts';
import { booleanFlag, flagsClient } from './flags-client.ts';

/** History, rollback and the kill switch over HTTP. */
describe('flag versions, rollback and kill over HTTP', () => {
  let t: TestApp;
  let flags: ReturnType<typeof flagsClient>;
  before(async () => {
    t = await startTestApp();
    flags = flagsClient(t.app, t.operator);
  });
  after(() => t.close());

  it('lists versions newest first with who, when, what changed and the full definition', async () => {
    await flags.put('history', booleanFlag('history'));
    await flags.put('history', booleanFlag('history', { description: 'second' }));
    const third = booleanFlag('history', { description: 'second' });
    third.environments.development = { ...third.environments.development, on: false };
    await flags.put('history', third);
    const versions = await flags.versions('history');
    assert.deepEqual(
      versions.map((v) => v.version),
      [3, 2, 1],
    );
    assert.deepEqual(versions[2]?.changes, ['created']);
    assert.deepEqual(versions[1]?.changes, ['description']);
    assert.deepEqual(versions[0]?.changes, ['environments.development.on']);
    const newest = versions[0] as unknown as { actor: { type: string }; definition: { description: string } };
    assert.equal(newest.actor.type, 'operator');
    assert.equal(newest.definition.description, 'second');
    assert.ok(Number(versions[0]?.flag_set_version) > Number(versions[1]?.flag_set_version));
    assert.equal(typeof versions[0]?.created_at, 'string');

    const firstPage = await flags.call('GET', '/v1/flags/history/versions?limit=2');
    const body = firstPage.json();
    assert.deepEqual(
      body.data.map((v: { version: number }) => v.version),
      [3, 2],
    );
    const rest = (
      await flags.call('GET', `/v1/flags/history/versions?limit=2&cursor=${body.next_cursor}`)
    ).json();
    assert.deepEqual(
      rest.data.map((v: { version: number }) => v.version),
      [1],
    );
    assert.equal(rest.next_cursor, null);
    assert.equal((await flags.call('GET', '/v1/flags/nothing/versions')).statusCode, 404);
  });

  it('rolls back to any version as a new version; history stays append-only', async () => {
    const v1 = await flags.put('roll', booleanFlag('roll'));
    await flags.put('roll', booleanFlag('roll', { name: 'two' }));
    const res = await flags.call('POST', '/v1/flags/roll/rollback', { version: 1 });
    assert.equal(res.statusCode, 200, res.body);
    const rolled = res.json();
    assert.equal(rolled.version, 3);
    assert.deepEqual(rolled.definition, v1.definition);
    const versions = await flags.versions('roll');
    assert.deepEqual(
      versions.map((v) => v.version),
      [3, 2, 1],
    );
    assert.match(versions[0]?.summary ?? '', /^rolled back to version 1/);
    const audit = (await flagAuditEntries(t.database)).filter((e) => e.target_id === 'roll').at(-1);
    assert.equal(audit?.action, 'flag.rolled_back');
    assert.equal(audit?.metadata.rolled_back_to, 1);
    const missing = await flags.call('POST', '/v1/flags/roll/rollback', { version: 9 });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'flag_version_not_found');
  });

  it('a rollback that is no longer valid (its segment is gone) is refused like a PUT', async () => {
    const segment = await flags.call('PUT', '/v1/flag-segments/beta', { included: ['u1'] });
    assert.equal(segment.statusCode, 201, segment.body);
    const withSegment = booleanFlag('seg-roll');
    withSegment.environments.production = {
      ...withSegment.environments.production,
      rules: [
        {
          clauses: [{ attribute: '', operator: 'segment_match', values: ['beta'] }],
          serve: { variant: 'on' },
        },
      ],
    };
    await flags.put('seg-roll', withSegment);
    await flags.put('seg-roll', booleanFlag('seg-roll'));
    assert.equal((await flags.call('DELETE', '/v1/flag-segments/beta')).statusCode, 204);
    const res = await flags.call('POST', '/v1/flags/seg-roll/rollback', { version: 1 });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'flag_invalid');
    assert.equal((await flags.get('seg-roll')).version, 2);
  });

  it('kill turns one environment off as a new version, audited, announced, and served off', async () => {
    await flags.put('killme', booleanFlag('killme'));
    const heard: number[] = [];
    const unsubscribe = t.app.flags.feed.subscribe((version) => heard.push(version));
    const before = await t.app.flags.flagSet('production');
    assert.equal(before.flags.find((flag) => flag.key === 'killme')?.environments.production?.on, true);

    const res = await flags.call('POST', '/v1/flags/killme/kill', { environment: 'production' });
    assert.equal(res.statusCode, 200, res.body);
    const killed = res.json();
    unsubscribe();
    assert.equal(killed.version, 2);
    assert.equal(killed.definition.environments.production.on, false);
    assert.equal(killed.definition.environments.development.on, true, 'other environments are untouched');
    assert.deepEqual(heard, [killed.flag_set_version]);

    const after = await t.app.flags.flagSet('production');
    assert.equal(after.version, killed.flag_set_version);
    assert.equal(after.flags.find((flag) => flag.key === 'killme')?.environments.production?.on, false);
    const versions = await flags.versions('killme');
    assert.match(versions[0]?.summary ?? '', /^killed in production/);
    assert.deepEqual(versions[0]?.changes, ['environments.production.on']);
    const audit = (await flagAuditEntries(t.database)).filter((e) => e.target_id === 'killme').at(-1);
    assert.equal(audit?.action, 'flag.killed');
    assert.equal(audit?.metadata.environment, 'production');

    // Killing it again changes nothing: no new version.
    const again = (await flags.call('POST', '/v1/flags/killme/kill', { environment: 'production' })).json();
    assert.equal(again.version, 2);
    const unknown = await flags.call('POST', '/v1/flags/killme/kill', { environment: 'moon' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'environment_not_found');
    assert.equal(
      (await flags.call('POST', '/v1/flags/ghost/kill', { environment: 'production' })).statusCode,
      404,
    );
  });

  it('the flag set is read once per version and holds only its environment', async () => {
    await flags.put('cached', booleanFlag('cached'));
    const first = await t.app.flags.flagSet('development');
    const loads = t.app.flags.flagSetLoads();
    const again = await t.app.flags.flagSet('development');
    assert.equal(again, first, 'the same object from memory');
    assert.equal(t.app.flags.flagSetLoads(), loads);
    for (const flag of first.flags)
      assert.deepEqual(
        Object.keys(flag.environments).filter((e) => e !== 'development'),
        [],
      );
    await flags.put('cached', booleanFlag('cached', { name: 'changed' }));
    const changed = await t.app.flags.flagSet('development');
    assert.equal(t.app.flags.flagSetLoads(), loads + 1);
    assert.ok(changed.version > first.version);
    assert.equal(changed.flags.find((flag) => flag.key === 'cached')?.name, 'changed');
  });
});
