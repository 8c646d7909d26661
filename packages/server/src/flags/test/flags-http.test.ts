import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createKey, seedOrg } from '../../orgs/api-keys/test/api-key-fixtures.ts';
import { flagAuditEntries } from './audit-entries.ts';
import { booleanFlag, flagsClient } from './flags-client.ts';

/** Flags over HTTP: create, replace, read, list, archive; who may; idempotent PUT. */
describe('flags over HTTP', () => {
  let t: TestApp;
  let flags: ReturnType<typeof flagsClient>;
  before(async () => {
    t = await startTestApp();
    flags = flagsClient(t.app, t.operator);
  });
  after(() => t.close());

  it('creates a flag (201, version 1, salt and rule ids set), reads it, replaces it (200, version 2)', async () => {
    const created = await flags.call('PUT', '/v1/flags/checkout', booleanFlag('checkout'));
    assert.equal(created.statusCode, 201, created.body);
    const flag = created.json();
    assert.equal(flag.version, 1);
    assert.equal(typeof flag.definition.salt, 'string');
    const ruleId = flag.definition.environments.production.rules[0].id;
    assert.match(ruleId, /^rule_/);
    const { flag_set_version: _version, ...stored } = flag;
    assert.deepEqual(await flags.get('checkout'), stored);

    // A replacement without salt or rule ids keeps both; the rule that did not change keeps its id.
    const replaced = await flags.call(
      'PUT',
      '/v1/flags/checkout',
      booleanFlag('checkout', { name: 'Checkout v2', salt: undefined }),
    );
    assert.equal(replaced.statusCode, 200, replaced.body);
    const second = replaced.json();
    assert.equal(second.version, 2);
    assert.equal(second.definition.salt, flag.definition.salt);
    assert.equal(second.definition.environments.production.rules[0].id, ruleId);
    assert.equal(second.definition.name, 'Checkout v2');
    assert.ok(second.flag_set_version > flag.flag_set_version);

    // The same definition again is no change: no new version.
    const same = await flags.put('checkout', booleanFlag('checkout', { name: 'Checkout v2' }));
    assert.equal(same.version, 2);
  });

  it('a body key that is not the path key is refused; a missing key takes the path key', async () => {
    const res = await flags.call('PUT', '/v1/flags/a-flag', booleanFlag('other'));
    assert.equal(res.statusCode, 422);
    assert.deepEqual(
      res.json().errors.map((e: { path: string }) => e.path),
      ['/key'],
    );
    const { key: _key, ...withoutKey } = booleanFlag('x');
    const created = await flags.put('no-key-in-body', withoutKey);
    assert.equal(created.definition.key, 'no-key-in-body');
    // Keys that are other routes' paths under /v1/flags are refused.
    for (const reserved of ['stale', 'stream', 'evaluate']) {
      const res = await flags.call('PUT', `/v1/flags/${reserved}`, booleanFlag(reserved));
      assert.equal(res.statusCode, 422, res.body);
      assert.deepEqual(
        res.json().errors.map((e: { path: string }) => e.path),
        ['/key'],
      );
    }
  });

  it('lists live flags in key order, a page at a time', async () => {
    for (const key of ['list-a', 'list-b', 'list-c']) await flags.put(key, booleanFlag(key));
    const keys: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await flags.call('GET', `/v1/flags?limit=2${query}`);
      assert.equal(res.statusCode, 200, res.body);
      const body: { data: { key: string }[]; next_cursor: string | null } = res.json();
      assert.ok(body.data.length <= 2);
      keys.push(...body.data.map((flag) => flag.key));
      cursor = body.next_cursor;
    } while (cursor);
    assert.deepEqual(keys, [...keys].sort());
    for (const key of ['list-a', 'list-b', 'list-c']) assert.ok(keys.includes(key));
    const bad = await flags.call('GET', '/v1/flags?cursor=not-a-cursor');
    assert.equal(bad.statusCode, 400);
  });

  it('DELETE archives: gone from the list and the flag set, still readable with its history', async () => {
    await flags.put('to-archive', booleanFlag('to-archive'));
    const deleted = await flags.call('DELETE', '/v1/flags/to-archive');
    assert.equal(deleted.statusCode, 204, deleted.body);
    const read = await flags.get('to-archive');
    assert.equal(typeof read.archived_at, 'string');
    assert.equal(read.version, 2);
    const list = (await flags.call('GET', '/v1/flags?limit=200')).json();
    assert.ok(!list.data.some((flag: { key: string }) => flag.key === 'to-archive'));
    const set = await t.app.flags.flagSet('production');
    assert.ok(!set.flags.some((flag) => flag.key === 'to-archive'));
    const versions = await flags.versions('to-archive');
    assert.equal(versions[0]?.summary, 'archived');
    assert.equal((await flags.call('DELETE', '/v1/flags/to-archive')).statusCode, 404);
    assert.equal((await flags.call('GET', '/v1/flags/never-was')).json().code, 'flag_not_found');
    // PUT restores it, with the same salt.
    const restored = await flags.put('to-archive', booleanFlag('to-archive'));
    assert.equal(restored.archived_at, null);
    assert.equal(restored.definition.salt, read.definition.salt);
  });

  it('a flag that is a prerequisite of another cannot be archived (409 naming it)', async () => {
    await flags.put('base', booleanFlag('base'));
    const dependent = booleanFlag('dependent');
    dependent.environments.development = {
      ...dependent.environments.development,
      prerequisites: [{ flag: 'base', variant: 'on' }],
    };
    await flags.put('dependent', dependent);
    const res = await flags.call('DELETE', '/v1/flags/base');
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'flag_in_use');
    assert.deepEqual(res.json().flags, ['dependent']);
  });

  it('concurrent changes are applied one at a time: consecutive versions, distinct flag-set versions', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        flags.call('PUT', '/v1/flags/contended', booleanFlag('contended', { name: `writer ${i}` })),
      ),
    );
    for (const res of answers) assert.ok(res.statusCode === 200 || res.statusCode === 201, res.body);
    assert.equal(answers.filter((res) => res.statusCode === 201).length, 1, 'one created it');
    const versions = await flags.versions('contended');
    assert.deepEqual(
      versions.map((v) => v.version),
      [6, 5, 4, 3, 2, 1],
    );
    const setVersions = new Set(versions.map((v) => v.flag_set_version));
    assert.equal(setVersions.size, 6);
  });

  it('audits every change in the instance chain, naming the actor', async () => {
    await flags.put('audited', booleanFlag('audited'));
    await flags.put('audited', booleanFlag('audited', { name: 'renamed' }));
    const entries = (await flagAuditEntries(t.database)).filter((entry) => entry.target_id === 'audited');
    assert.deepEqual(
      entries.map((entry) => entry.action),
      ['flag.created', 'flag.updated'],
    );
    assert.equal(entries[1]?.actor_type, 'operator');
    assert.equal(entries[1]?.metadata.version, 2);
    assert.deepEqual(entries[1]?.metadata.changes, ['name']);
  });

  it('an instance admin key manages flags; an instance key without admin, an org key and a user may not', async () => {
    const admin = await createKey(t.app, '/v1/api-keys', t.operator, { name: 'admin', scopes: ['admin'] });
    const asAdmin = flagsClient(t.app, { authorization: `Bearer ${admin.secret}` });
    const created = await asAdmin.put('by-admin-key', booleanFlag('by-admin-key'));
    assert.equal(created.version, 1);
    const versions = await flags.versions('by-admin-key');
    assert.deepEqual(versions[0]?.actor, { type: 'api_key', id: admin.id });

    const evaluator = await createKey(t.app, '/v1/api-keys', t.operator, {
      name: 'evaluate',
      scopes: ['flags:evaluate'],
    });
    const org = await seedOrg(t.app, t.database);
    const orgKey = await createKey(t.app, `/v1/organizations/${org.orgId}/api-keys`, org.owner, {
      name: 'org',
      scopes: ['orgs:write', 'flags:evaluate'],
    });
    const refused = [
      { authorization: `Bearer ${evaluator.secret}` },
      { authorization: `Bearer ${orgKey.secret}` },
      org.owner,
    ];
    for (const headers of refused) {
      const caller = flagsClient(t.app, headers);
      for (const [method, url, body] of [
        ['GET', '/v1/flags', undefined],
        ['GET', '/v1/flags/by-admin-key', undefined],
        ['PUT', '/v1/flags/refused', booleanFlag('refused')],
        ['POST', '/v1/flags/by-admin-key/kill', { environment: 'production' }],
        ['GET', '/v1/flag-environments', undefined],
        ['GET', '/v1/flag-segments', undefined],
      ] as const) {
        const res = await caller.call(method, url, body);
        assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
      }
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/v1/flags' });
    assert.equal(anonymous.statusCode, 401);
    assert.equal((await flags.call('GET', '/v1/flags/refused')).statusCode, 404);
  });

  it('a PUT repeated with the same Idempotency-Key answers the first response and writes once', async () => {
    const key = { 'idempotency-key': 'flag-put-1' };
    const first = await flags.call('PUT', '/v1/flags/idem', booleanFlag('idem'), key);
    assert.equal(first.statusCode, 201, first.body);
    const again = await flags.call('PUT', '/v1/flags/idem', booleanFlag('idem'), key);
    assert.equal(again.statusCode, 201);
    assert.deepEqual(again.json(), first.json());
    assert.equal((await flags.versions('idem')).length, 1);
    const other = await flags.call('PUT', '/v1/flags/idem', booleanFlag('idem', { name: 'other' }), key);
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().code, 'idempotency_key_reused');
  });
});
