/**
 * The SQL reader returns exactly the tuples the engine asks for: the listed users and userset types,
 * never their cross product (its index conditions alone would match it), and stored rows parse back
 * into the engine's tuples, conditions included. Reads by user (list-objects) are exact too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { newId } from '../../platform/ids.ts';
import { createAccessService } from '../service/access-service.ts';
import { SqlTupleReader } from './sql-tuple-reader.ts';

const audit = { actor: { type: 'system' as const, id: null } };

const MODEL = `model
  schema 1.1
type user
type employee
type group
  relations
    define member: [user]
    define owner: [user]
type team
  relations
    define member: [user]
    define owner: [user]
type document
  relations
    define viewer: [user, user:*, employee, employee:*, group#member, group#owner, team#member, team#owner, user with fresh]

condition fresh(age: int, limit: int) {
  age < limit
}
`;

const USERS = [
  'user:ann',
  'user:*',
  'employee:ann',
  'employee:*',
  'group:g#member',
  'group:g#owner',
  'team:t#member',
  'team:t#owner',
];

describe('SQL tuple reader', () => {
  let database: TestDatabase;
  const orgId = newId('org');
  let storeId: string;

  before(async () => {
    database = await openTestDatabase();
    const service = createAccessService({ database });
    storeId = (await service.createStore(orgId, 'reader', audit)).id;
    await service.writeModel(orgId, storeId, MODEL, audit);
    await service.writeTuples(orgId, storeId, {
      writes: [
        ...USERS.map((user) => ({ object: 'document:1', relation: 'viewer', user })),
        {
          object: 'document:2',
          relation: 'viewer',
          user: 'user:bob',
          condition: { name: 'fresh', context: { limit: 3 } },
        },
        { object: 'document:2', relation: 'viewer', user: 'user:cat', condition: { name: 'fresh' } },
      ],
    });
  });
  after(async () => {
    await database.close();
  });

  it('reads exactly the listed users and userset types', async () => {
    const users = await withTenant(database, orgId, async (scope) => {
      const reader = new SqlTupleReader(scope, storeId);
      const tuples = await reader.readDirect({
        object: 'document:1',
        relation: 'viewer',
        users: ['user:ann', 'employee:*'],
        usersetTypes: ['group#member', 'team#owner'],
      });
      return tuples.map((tuple) => tuple.user).sort();
    });
    assert.deepEqual(users, ['employee:*', 'group:g#member', 'team:t#owner', 'user:ann']);
  });

  it('reads a whole tupleset, and nothing for an empty query or another object', async () => {
    const [all, none, other] = await withTenant(database, orgId, async (scope) => {
      const reader = new SqlTupleReader(scope, storeId);
      return Promise.all([
        reader.readTupleset('document:1', 'viewer'),
        reader.readDirect({ object: 'document:1', relation: 'viewer', users: [], usersetTypes: [] }),
        reader.readTupleset('document:3', 'viewer'),
      ]);
    });
    assert.deepEqual(all.map((tuple) => tuple.user).sort(), [...USERS].sort());
    assert.deepEqual(none, []);
    assert.deepEqual(other, []);
  });

  it('parses conditions back, with and without a stored context', async () => {
    const tuples = await withTenant(database, orgId, (scope) =>
      new SqlTupleReader(scope, storeId).readTupleset('document:2', 'viewer'),
    );
    assert.deepEqual(
      [...tuples].sort((a, b) => a.user.localeCompare(b.user)),
      [
        {
          object: 'document:2',
          relation: 'viewer',
          user: 'user:bob',
          condition: { name: 'fresh', context: { limit: 3 } },
        },
        { object: 'document:2', relation: 'viewer', user: 'user:cat', condition: { name: 'fresh' } },
      ],
    );
  });

  it('reads by user exactly the listed users on the listed pairs, in one batch', async () => {
    const query = {
      users: ['user:ann', 'group:g#member', 'employee:*', 'user:bob', 'group:g'],
      objectRelations: ['document#viewer'],
    };
    const [found, otherPair, otherOrg] = await Promise.all([
      withTenant(database, orgId, (scope) => new SqlTupleReader(scope, storeId).readByUsers(query)),
      withTenant(database, orgId, (scope) =>
        new SqlTupleReader(scope, storeId).readByUsers({ ...query, objectRelations: ['group#member'] }),
      ),
      withTenant(database, newId('org'), (scope) => new SqlTupleReader(scope, storeId).readByUsers(query)),
    ]);
    assert.deepEqual(
      [...found].sort((a, b) => `${a.object}${a.user}`.localeCompare(`${b.object}${b.user}`)),
      [
        { object: 'document:1', relation: 'viewer', user: 'employee:*' },
        { object: 'document:1', relation: 'viewer', user: 'group:g#member' },
        { object: 'document:1', relation: 'viewer', user: 'user:ann' },
        {
          object: 'document:2',
          relation: 'viewer',
          user: 'user:bob',
          condition: { name: 'fresh', context: { limit: 3 } },
        },
      ],
    );
    assert.deepEqual(otherPair, []);
    assert.deepEqual(otherOrg, []);
  });

  it('reads every tuple of the listed objects in one batch', async () => {
    const [found, none] = await Promise.all([
      withTenant(database, orgId, (scope) =>
        new SqlTupleReader(scope, storeId).readByObjects(['document:2', 'document:3', 'group:g']),
      ),
      withTenant(database, newId('org'), (scope) =>
        new SqlTupleReader(scope, storeId).readByObjects(['document:1', 'document:2']),
      ),
    ]);
    assert.deepEqual(found.map((tuple) => `${tuple.object}#${tuple.relation}@${tuple.user}`).sort(), [
      'document:2#viewer@user:bob',
      'document:2#viewer@user:cat',
    ]);
    assert.deepEqual(none, []);
  });

  it("reads nothing of the store from another organization's scope", async () => {
    const tuples = await withTenant(database, newId('org'), (scope) =>
      new SqlTupleReader(scope, storeId).readTupleset('document:1', 'viewer'),
    );
    assert.deepEqual(tuples, []);
  });
});
