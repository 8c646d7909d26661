/**
 * Erasing one user's or one object's tuples in one call, on a real database: exactly the matching
 * tuples go (others stay), checks deny afterwards, the changes feed shows each delete, one audit
 * entry records the count (never a condition context), and refusals erase nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { listAuditEntries } from '../../platform/audit/index.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { newId } from '../../platform/ids.ts';
import type { TupleRecord } from '../engine/tuples.ts';
import { AccessError, type AccessErrorCode } from './access-error.ts';
import { type AccessService, createAccessService } from './access-service.ts';
import { eraseTuples, eraseTuplesInScope, type TupleErasure } from './tuple-erasure.ts';

const audit = { actor: { type: 'user' as const, id: 'usr_01JERASER00000000000000000' } };

const MODEL = `model
  schema 1.1
type user
  relations
    define manager: [user]
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define viewer: [user, group#member]
type document
  relations
    define parent: [folder]
    define editor: [user with in_office]
    define viewer: [user, user:*, group#member, folder#viewer, document#viewer] or editor or viewer from parent

condition in_office(secret: string) {
  secret == "office"
}
`;

function refusedWith(code: AccessErrorCode) {
  return (error: unknown) => error instanceof AccessError && error.code === code;
}

const key = (tuple: Pick<TupleRecord, 'object' | 'relation' | 'user'>) =>
  `${tuple.object}#${tuple.relation}@${tuple.user}`;

describe('erasure of one user or one object', () => {
  let database: TestDatabase;
  let service: AccessService;

  before(async () => {
    database = await openTestDatabase();
    service = createAccessService({ database });
  });
  after(async () => {
    await database.close();
  });

  async function storeWith(orgId: string, tuples: TupleRecord[]) {
    const store = await service.createStore(orgId, 'erasure', audit);
    await service.writeModel(orgId, store.id, MODEL, audit);
    if (tuples.length > 0) await service.writeTuples(orgId, store.id, { writes: tuples });
    return store.id;
  }

  async function storedKeys(orgId: string, storeId: string): Promise<string[]> {
    const page = await service.readTuples(orgId, storeId, { pageSize: 100 });
    return page.tuples.map(({ tuple }) => key(tuple)).sort();
  }

  async function erasureEntries(orgId: string) {
    const { entries } = await listAuditEntries(database, orgId, { afterSeq: 0, limit: 100 });
    return entries.filter((entry) => entry.action === 'access_tuples.erased');
  }

  const viewer = (object: string, user: string): TupleRecord => ({ object, relation: 'viewer', user });

  it("erases every tuple whose user is exactly that user, and no one else's", async () => {
    const orgId = newId('org');
    const anne: TupleRecord[] = [
      viewer('document:1', 'user:anne'),
      viewer('folder:1', 'user:anne'),
      { object: 'group:eng', relation: 'member', user: 'user:anne' },
      {
        object: 'document:2',
        relation: 'editor',
        user: 'user:anne',
        condition: { name: 'in_office', context: { secret: 'office' } },
      },
    ];
    const others: TupleRecord[] = [
      viewer('document:1', 'user:bob'),
      viewer('document:3', 'user:*'),
      viewer('document:4', 'group:eng#member'),
      { object: 'document:5', relation: 'parent', user: 'folder:1' },
      // anne as an object, and a userset of anne: not "her tuples" as a user (see { object }).
      { object: 'user:anne', relation: 'manager', user: 'user:carl' },
    ];
    const storeId = await storeWith(orgId, [...anne, ...others]);
    const check = (object: string, relation: string, user: string) =>
      service.check(orgId, storeId, { object, relation, user, context: { secret: 'office' } });
    for (const [object, relation] of [
      ['document:1', 'viewer'],
      ['document:2', 'editor'],
      ['document:4', 'viewer'],
      ['document:5', 'viewer'],
    ] as const) {
      assert.equal((await check(object, relation, 'user:anne')).decision, 'allow', `${object} before`);
    }
    const feedBefore = await service.readChanges(orgId, storeId, { pageSize: 100 });

    assert.equal(await eraseTuples(database, orgId, storeId, { user: 'user:anne' }, audit), anne.length);

    assert.deepEqual(await storedKeys(orgId, storeId), others.map(key).sort());
    for (const [object, relation] of [
      ['document:1', 'viewer'],
      ['document:2', 'editor'],
      ['document:4', 'viewer'],
      ['document:5', 'viewer'],
    ] as const) {
      assert.equal((await check(object, relation, 'user:anne')).decision, 'deny', `${object} after`);
    }
    // What others are granted stays; the public document is still public, to anne too.
    assert.equal((await check('document:1', 'viewer', 'user:bob')).decision, 'allow');
    assert.equal((await check('document:3', 'viewer', 'user:anne')).decision, 'allow');

    // The feed shows each delete (with the tuple's condition, as a delete through write does).
    const feed = await service.readChanges(orgId, storeId, {
      pageSize: 100,
      continuationToken: feedBefore.continuationToken,
    });
    assert.deepEqual(
      feed.changes.map((change) => [change.operation, key(change.tuple)]).sort(),
      anne.map((tuple) => ['delete', key(tuple)]).sort(),
    );
    const conditioned = feed.changes.find((change) => change.tuple.relation === 'editor');
    assert.deepEqual(conditioned?.tuple.condition, { name: 'in_office', context: { secret: 'office' } });

    const [entry, ...more] = await erasureEntries(orgId);
    assert.equal(more.length, 0, 'one audit entry per erasure');
    assert.equal(entry?.actor_id, audit.actor.id);
    assert.deepEqual([entry?.target_type, entry?.target_id], ['access_user', 'user:anne']);
    assert.deepEqual(entry?.metadata, { store_id: storeId, count: anne.length });
    assert.equal(JSON.stringify(entry).includes('office'), false, 'no condition context in the audit');

    // Again: nothing left to erase, and that is recorded too.
    assert.equal(await eraseTuples(database, orgId, storeId, { user: 'user:anne' }, audit), 0);
    assert.equal((await erasureEntries(orgId)).length, 2);
  });

  it('erases a userset or a wildcard as the exact user it is', async () => {
    const orgId = newId('org');
    const membership = { object: 'group:eng', relation: 'member', user: 'user:anne' };
    const storeId = await storeWith(orgId, [
      viewer('document:1', 'group:eng#member'),
      viewer('folder:1', 'group:eng#member'),
      viewer('document:2', 'user:*'),
      membership,
    ]);
    assert.equal(await eraseTuples(database, orgId, storeId, { user: 'group:eng#member' }, audit), 2);
    assert.equal(await eraseTuples(database, orgId, storeId, { user: 'user:*' }, audit), 1);
    assert.deepEqual(await storedKeys(orgId, storeId), [key(membership)]);
  });

  it('erases an object: its own tuples and every tuple naming it as user or userset', async () => {
    const orgId = newId('org');
    const pointing: TupleRecord[] = [
      viewer('folder:1', 'user:anne'),
      viewer('folder:1', 'group:eng#member'),
      { object: 'document:1', relation: 'parent', user: 'folder:1' },
      { object: 'document:2', relation: 'parent', user: 'folder:1' },
      viewer('document:3', 'folder:1#viewer'),
    ];
    const kept: TupleRecord[] = [
      viewer('folder:2', 'user:anne'),
      { object: 'document:4', relation: 'parent', user: 'folder:2' },
      { object: 'group:eng', relation: 'member', user: 'user:anne' },
    ];
    const storeId = await storeWith(orgId, [...pointing, ...kept]);
    assert.equal((await service.check(orgId, storeId, viewer('document:3', 'user:anne'))).decision, 'allow');

    assert.equal(await eraseTuples(database, orgId, storeId, { object: 'folder:1' }, audit), pointing.length);

    assert.deepEqual(await storedKeys(orgId, storeId), kept.map(key).sort());
    for (const object of ['document:1', 'document:2', 'document:3', 'folder:1']) {
      assert.equal(
        (await service.check(orgId, storeId, viewer(object, 'user:anne'))).decision,
        'deny',
        object,
      );
    }
    assert.equal((await service.check(orgId, storeId, viewer('document:4', 'user:anne'))).decision, 'allow');
    const [entry] = await erasureEntries(orgId);
    assert.deepEqual([entry?.target_type, entry?.target_id], ['access_object', 'folder:1']);
    assert.deepEqual(entry?.metadata, { store_id: storeId, count: pointing.length });
  });

  it('erasing a person as an object removes them in either place', async () => {
    const orgId = newId('org');
    const storeId = await storeWith(orgId, [
      viewer('document:1', 'user:anne'),
      { object: 'user:anne', relation: 'manager', user: 'user:carl' },
      { object: 'user:dana', relation: 'manager', user: 'user:anne' },
      viewer('document:1', 'user:bob'),
    ]);
    assert.equal(await eraseTuples(database, orgId, storeId, { object: 'user:anne' }, audit), 3);
    assert.deepEqual(await storedKeys(orgId, storeId), [key(viewer('document:1', 'user:bob'))]);
  });

  it('returns 0 in an empty store, and still records the erasure', async () => {
    const orgId = newId('org');
    const storeId = await storeWith(orgId, []);
    assert.equal(await eraseTuples(database, orgId, storeId, { user: 'user:anne' }, audit), 0);
    assert.equal(await eraseTuples(database, orgId, storeId, { object: 'document:1' }, audit), 0);
    const entries = await erasureEntries(orgId);
    assert.deepEqual(
      entries.map((entry) => entry.metadata),
      [
        { store_id: storeId, count: 0 },
        { store_id: storeId, count: 0 },
      ],
    );
    const feed = await service.readChanges(orgId, storeId, { pageSize: 100 });
    assert.deepEqual(feed.changes, []);
  });

  it("refuses another organization's store, a deleted store and a malformed request, erasing nothing", async () => {
    const owner = newId('org');
    const stranger = newId('org');
    const tuples = [viewer('document:1', 'user:anne')];
    const storeId = await storeWith(owner, tuples);
    await service.createStore(stranger, 'own', audit);

    await assert.rejects(
      eraseTuples(database, stranger, storeId, { user: 'user:anne' }, audit),
      refusedWith('store_id_not_found'),
    );
    await assert.rejects(
      eraseTuples(database, owner, '01JNOSUCHSTORE000000000000', { user: 'user:anne' }, audit),
      refusedWith('store_id_not_found'),
    );
    for (const malformed of [
      { user: 'anne' },
      { object: 'document:1#viewer' },
      { object: 'document:*' },
      { user: 'user:anne', object: 'document:1' },
      {},
    ]) {
      await assert.rejects(
        // Deliberately malformed, as a route might pass it.
        eraseTuples(database, owner, storeId, malformed as unknown as TupleErasure, audit),
        refusedWith('validation_error'),
        JSON.stringify(malformed),
      );
    }
    assert.deepEqual(await storedKeys(owner, storeId), tuples.map(key));
    assert.deepEqual(await erasureEntries(owner), []);
    assert.deepEqual(await erasureEntries(stranger), []);

    await service.deleteStore(owner, storeId, audit);
    await assert.rejects(
      eraseTuples(database, owner, storeId, { user: 'user:anne' }, audit),
      refusedWith('store_id_not_found'),
    );
  });

  it("rolls back with the caller's transaction (the scope form)", async () => {
    const orgId = newId('org');
    const tuples = [viewer('document:1', 'user:anne')];
    const storeId = await storeWith(orgId, tuples);
    await assert.rejects(
      withTenant(database, orgId, async (scope) => {
        assert.equal(await eraseTuplesInScope(scope, storeId, { user: 'user:anne' }, audit), 1);
        throw new Error('the caller fails after the erasure');
      }),
      /the caller fails/,
    );
    assert.deepEqual(await storedKeys(orgId, storeId), tuples.map(key));
    assert.deepEqual(await erasureEntries(orgId), []);
    assert.equal((await service.readChanges(orgId, storeId, { pageSize: 100 })).changes.length, 1);
  });
});
