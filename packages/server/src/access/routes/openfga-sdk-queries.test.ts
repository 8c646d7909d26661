/**
 * OpenFGA's SDK asking Keystone the questions beyond check: list-objects (through nested groups and a
 * folder hierarchy, with wildcards and conditions), list-users (plain users, usersets, wildcards) and
 * expand (OpenFGA's userset tree).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FgaApiValidationError, type OpenFgaClient } from '@openfga/sdk';
import { type FgaServer, openFgaClient, startFgaServer } from '../../../test/support/fga-client.ts';

const MODEL = `model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define parent: [folder]
    define viewer: [user, group#member] or viewer from parent
type document
  relations
    define parent: [folder]
    define owner: [user]
    define viewer: [user, user:*, group#member, user with weekday] or owner or viewer from parent
    define blocked: [user]
    define can_read: viewer but not blocked
condition weekday(day: string) {
  day != "sunday"
}
`;

describe('OpenFGA SDK: list-objects, list-users and expand against /fga', () => {
  let server: FgaServer;
  let fga: OpenFgaClient;

  before(async () => {
    server = await startFgaServer();
    const store = await openFgaClient(server.apiUrl, server.org.key).createStore({ name: 'queries' });
    fga = openFgaClient(server.apiUrl, server.org.key, store.id);
    const res = await server.app.inject({
      method: 'POST',
      url: `/fga/stores/${store.id}/authorization-models`,
      headers: { authorization: `Bearer ${server.org.key}` },
      payload: { dsl: MODEL },
    });
    assert.equal(res.statusCode, 201, res.body);
    await fga.writeTuples([
      { user: 'user:anne', relation: 'member', object: 'group:eng' },
      { user: 'group:eng#member', relation: 'member', object: 'group:all' },
      { user: 'group:all#member', relation: 'viewer', object: 'folder:root' },
      { user: 'folder:root', relation: 'parent', object: 'folder:plans' },
      { user: 'folder:plans', relation: 'parent', object: 'document:roadmap' },
      { user: 'folder:plans', relation: 'parent', object: 'document:budget' },
      { user: 'user:anne', relation: 'blocked', object: 'document:budget' },
      { user: 'user:bob', relation: 'owner', object: 'document:memo' },
      { user: 'user:*', relation: 'viewer', object: 'document:handbook' },
      { user: 'user:carl', relation: 'viewer', object: 'document:rota', condition: { name: 'weekday' } },
    ]);
  });
  after(async () => {
    await server?.close();
  });

  it('lists every object through nested groups, folder parents and wildcards', async () => {
    const viewer = await fga.listObjects({ user: 'user:anne', relation: 'viewer', type: 'document' });
    assert.deepEqual(viewer.objects.sort(), ['document:budget', 'document:handbook', 'document:roadmap']);
    // Exclusion: anne is blocked from the budget.
    const readable = await fga.listObjects({ user: 'user:anne', relation: 'can_read', type: 'document' });
    assert.deepEqual(readable.objects.sort(), ['document:handbook', 'document:roadmap']);
    const folders = await fga.listObjects({ user: 'user:anne', relation: 'viewer', type: 'folder' });
    assert.deepEqual(folders.objects.sort(), ['folder:plans', 'folder:root']);
  });

  it('evaluates conditions and contextual tuples in lists', async () => {
    const weekday = await fga.listObjects({
      user: 'user:carl',
      relation: 'viewer',
      type: 'document',
      context: { day: 'monday' },
    });
    assert.deepEqual(weekday.objects.sort(), ['document:handbook', 'document:rota']);
    const sunday = await fga.listObjects({
      user: 'user:carl',
      relation: 'viewer',
      type: 'document',
      context: { day: 'sunday' },
    });
    assert.deepEqual(sunday.objects, ['document:handbook']);
    const joined = await fga.listObjects({
      user: 'user:dora',
      relation: 'viewer',
      type: 'document',
      contextualTuples: [{ user: 'user:dora', relation: 'member', object: 'group:eng' }],
    });
    assert.deepEqual(joined.objects.sort(), ['document:budget', 'document:handbook', 'document:roadmap']);
  });

  it('lists users: plain users through groups, usersets, and the wildcard', async () => {
    const users = await fga.listUsers({
      object: { type: 'document', id: 'roadmap' },
      relation: 'viewer',
      user_filters: [{ type: 'user' }],
    });
    assert.deepEqual(users.users.map((user) => user.object?.id).sort(), ['anne']);
    const groups = await fga.listUsers({
      object: { type: 'folder', id: 'plans' },
      relation: 'viewer',
      user_filters: [{ type: 'group', relation: 'member' }],
    });
    assert.deepEqual(
      groups.users
        .map((user) => `${user.userset?.type}:${user.userset?.id}#${user.userset?.relation}`)
        .sort(),
      ['group:all#member', 'group:eng#member'],
    );
    const everyone = await fga.listUsers({
      object: { type: 'document', id: 'handbook' },
      relation: 'viewer',
      user_filters: [{ type: 'user' }],
    });
    assert.deepEqual(everyone.users, [{ wildcard: { type: 'user' } }]);
  });

  it('expands a relation into OpenFGA’s userset tree', async () => {
    const { tree } = await fga.expand({ relation: 'viewer', object: 'folder:plans' });
    assert.equal(tree?.root?.name, 'folder:plans#viewer');
    const nodes = tree?.root?.union?.nodes ?? [];
    assert.equal(nodes.length, 2);
    assert.deepEqual(nodes[0]?.leaf?.users?.users, []);
    assert.deepEqual(nodes[1]?.leaf?.tupleToUserset, {
      tupleset: 'folder:plans#parent',
      computed: [{ userset: 'folder:root#viewer' }],
    });
  });

  it('refuses lists naming what the model does not have', async () => {
    try {
      await fga.listObjects({ user: 'user:anne', relation: 'viewer', type: 'spreadsheet' });
      assert.fail('an unknown type was listed');
    } catch (error) {
      assert.ok(error instanceof FgaApiValidationError, String(error));
      assert.equal(
        (error as FgaApiValidationError & { apiErrorCode?: string }).apiErrorCode,
        'type_not_found',
      );
    }
  });
});
