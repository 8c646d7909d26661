/**
 * Expand, list-objects and list-users through the access service: each in one tenant transaction over
 * the SQL store, against the store's latest model or the one named, seeing a delete at once, behind the
 * tenant wall, and failing (never shortening a list) at a deadline or a configured maximum.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { newId } from '../../platform/ids.ts';
import type { TupleRecord } from '../engine/tuples.ts';
import { AccessError, type AccessErrorCode } from './access-error.ts';
import { type AccessService, createAccessService } from './access-service.ts';

const audit = { actor: { type: 'system' as const, id: null } };

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
    define viewer: [user, group#member] or viewer from parent
`;

/** An older shape of the same store: no folders. */
const FLAT_MODEL = `model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type document
  relations
    define parent: [user]
    define viewer: [user, group#member]
`;

function tuple(text: string): TupleRecord {
  const hash = text.indexOf('#');
  const at = text.lastIndexOf('@');
  return { object: text.slice(0, hash), relation: text.slice(hash + 1, at), user: text.slice(at + 1) };
}

function refusedWith(code: AccessErrorCode) {
  return (error: unknown) => error instanceof AccessError && error.code === code;
}

describe('access queries: expand, list-objects, list-users', () => {
  let database: TestDatabase;
  let service: AccessService;
  const orgId = newId('org');
  let storeId: string;
  let flatModelId: string;

  before(async () => {
    database = await openTestDatabase();
    service = createAccessService({ database });
    storeId = (await service.createStore(orgId, 'queries', audit)).id;
    flatModelId = await service.writeModel(orgId, storeId, FLAT_MODEL, audit);
    await service.writeModel(orgId, storeId, MODEL, audit);
    const writes = [
      'group:eng#member@user:ann',
      'folder:root#viewer@group:eng#member',
      'folder:sub#parent@folder:root',
      'document:a#parent@folder:sub',
      'document:b#viewer@user:bob',
      'document:c#viewer@user:ann',
    ].map(tuple);
    await service.writeTuples(orgId, storeId, { writes });
  });
  after(async () => {
    await database.close();
  });

  it('lists objects and users over SQL, against the latest model or the one named', async () => {
    const objects = await service.listObjects(orgId, storeId, {
      type: 'document',
      relation: 'viewer',
      user: 'user:ann',
    });
    assert.deepEqual(objects.ok && objects.objects, ['document:a', 'document:c']);
    const flat = await service.listObjects(orgId, storeId, {
      type: 'document',
      relation: 'viewer',
      user: 'user:ann',
      modelId: flatModelId,
    });
    assert.deepEqual(flat.ok && [flat.objects, flat.modelId], [['document:c'], flatModelId]);
    const users = await service.listUsers(orgId, storeId, {
      object: 'document:a',
      relation: 'viewer',
      userFilters: [{ type: 'user' }],
    });
    assert.deepEqual(users.ok && users.users, [{ object: { type: 'user', id: 'ann' } }]);
    const usersets = await service.listUsers(orgId, storeId, {
      object: 'document:a',
      relation: 'viewer',
      userFilters: [{ type: 'group', relation: 'member' }],
    });
    assert.deepEqual(usersets.ok && usersets.users, [
      { userset: { type: 'group', id: 'eng', relation: 'member' } },
    ]);
  });

  it('expands one level in OpenFGA JSON', async () => {
    const outcome = await service.expand(orgId, storeId, { object: 'folder:root', relation: 'viewer' });
    const name = 'folder:root#viewer';
    assert.deepEqual(outcome.ok && outcome.tree, {
      root: {
        name,
        union: {
          nodes: [
            { name, leaf: { users: { users: ['group:eng#member'] } } },
            { name, leaf: { tupleToUserset: { tupleset: 'folder:root#parent', computed: [] } } },
          ],
        },
      },
    });
  });

  it('sees a delete at once', async () => {
    const request = { type: 'document', relation: 'viewer', user: 'user:ann' };
    await service.writeTuples(orgId, storeId, { deletes: [tuple('group:eng#member@user:ann')] });
    try {
      const after = await service.listObjects(orgId, storeId, request);
      assert.deepEqual(after.ok && after.objects, ['document:c']);
    } finally {
      await service.writeTuples(orgId, storeId, { writes: [tuple('group:eng#member@user:ann')] });
    }
  });

  it("refuses a missing store or model and another organization's store", async () => {
    const request = { type: 'document', relation: 'viewer', user: 'user:ann' };
    await assert.rejects(service.listObjects(orgId, 'nope', request), refusedWith('store_id_not_found'));
    await assert.rejects(
      service.listObjects(newId('org'), storeId, request),
      refusedWith('store_id_not_found'),
    );
    await assert.rejects(
      service.listUsers(newId('org'), storeId, {
        object: 'document:a',
        relation: 'viewer',
        userFilters: [{ type: 'user' }],
      }),
      refusedWith('store_id_not_found'),
    );
    await assert.rejects(
      service.expand(orgId, storeId, { object: 'document:a', relation: 'viewer', modelId: newId('org') }),
      refusedWith('authorization_model_not_found'),
    );
  });

  it('answers a bad request, a deadline or a limit with a failure, never a shorter list', async () => {
    const request = { type: 'document', relation: 'viewer', user: 'user:ann' };
    const unknown = await service.listObjects(orgId, storeId, { ...request, type: 'page' });
    assert.equal(!unknown.ok && unknown.kind, 'type_not_found');
    const expired = await service.listObjects(orgId, storeId, request, { signal: AbortSignal.abort() });
    assert.equal(!expired.ok && expired.kind, 'deadline_exceeded');
    const capped = await service.listObjects(orgId, storeId, request, { maxResults: 1 });
    assert.equal(!capped.ok && capped.kind, 'result_limit_exceeded');
    const usersExpired = await service.listUsers(
      orgId,
      storeId,
      { object: 'document:a', relation: 'viewer', userFilters: [{ type: 'user' }] },
      { signal: AbortSignal.abort() },
    );
    assert.equal(!usersExpired.ok && usersExpired.kind, 'deadline_exceeded');
  });
});
