/**
 * Tuple writes and deletes through the access service on a real database: validation against the
 * model, OpenFGA's refusals (duplicates, existing, missing, batch limit) with nothing written half-way,
 * the changes feed in the same transaction, conditions stored and read back, and checks that see every
 * acknowledged write and delete (no allow after a delete).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
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
    define member: [user, user:*, group#member]
type folder
  relations
    define viewer: [user, group#member]
type document
  relations
    define parent: [folder]
    define viewer: [user, user:*, group#member, user with in_hours] or viewer from parent

condition in_hours(hour: int, opens: int) {
  hour >= opens
}
`;

function tuple(text: string): TupleRecord {
  const hash = text.indexOf('#');
  const at = text.lastIndexOf('@');
  return { object: text.slice(0, hash), relation: text.slice(hash + 1, at), user: text.slice(at + 1) };
}

function refusedWith(code: AccessErrorCode) {
  return (error: unknown) => error instanceof AccessError && error.code === code;
}

describe('access tuples and checks', () => {
  let database: TestDatabase;
  let service: AccessService;
  const orgId = newId('org');

  before(async () => {
    database = await openTestDatabase();
    service = createAccessService({ database });
  });
  after(async () => {
    await database.close();
  });

  async function newStore(): Promise<string> {
    const store = await service.createStore(orgId, 'tuples', audit);
    await service.writeModel(orgId, store.id, MODEL, audit);
    return store.id;
  }

  async function decision(storeId: string, text: string, context?: Record<string, unknown>) {
    const { object, relation, user } = tuple(text);
    const outcome = await service.check(orgId, storeId, {
      object,
      relation,
      user,
      ...(context ? { context } : {}),
    });
    return outcome.decision;
  }

  async function changes(storeId: string) {
    return withTenant(database, orgId, (scope) =>
      scope.db
        .selectFrom('fga_changes')
        .select([
          'operation',
          'object_type',
          'object_id',
          'relation',
          'user_type',
          'user_id',
          'user_relation',
        ])
        .where('org_id', '=', orgId)
        .where('store_id', '=', storeId)
        .orderBy('id')
        .execute(),
    );
  }

  it('resolves direct, wildcard, userset and tuple-to-userset grants from the SQL store', async () => {
    const storeId = await newStore();
    await service.writeTuples(orgId, storeId, {
      writes: [
        'document:plan#viewer@user:ann',
        'document:public#viewer@user:*',
        'group:eng#member@user:bob',
        'group:all#member@group:eng#member',
        'document:spec#viewer@group:all#member',
        'folder:shared#viewer@user:cat',
        'document:spec#parent@folder:shared',
      ].map(tuple),
    });
    assert.equal(await decision(storeId, 'document:plan#viewer@user:ann'), 'allow');
    assert.equal(await decision(storeId, 'document:plan#viewer@user:bob'), 'deny');
    assert.equal(await decision(storeId, 'document:public#viewer@user:anyone'), 'allow');
    assert.equal(await decision(storeId, 'document:spec#viewer@user:bob'), 'allow');
    assert.equal(await decision(storeId, 'document:spec#viewer@user:cat'), 'allow');
    assert.equal(await decision(storeId, 'document:spec#viewer@user:dan'), 'deny');
  });

  it('never allows after a delete, and allows again after the tuple is rewritten', async () => {
    const storeId = await newStore();
    const grant = tuple('group:eng#member@user:bob');
    await service.writeTuples(orgId, storeId, {
      writes: [grant, tuple('document:spec#viewer@group:eng#member')],
    });
    assert.equal(await decision(storeId, 'document:spec#viewer@user:bob'), 'allow');
    await service.writeTuples(orgId, storeId, { deletes: [grant] });
    assert.equal(await decision(storeId, 'document:spec#viewer@user:bob'), 'deny');
    await service.writeTuples(orgId, storeId, { writes: [grant] });
    assert.equal(await decision(storeId, 'document:spec#viewer@user:bob'), 'allow');
    assert.deepEqual(
      (await changes(storeId)).map(
        (change) => `${change.operation} ${change.object_type}:${change.object_id}`,
      ),
      ['write group:eng', 'write document:spec', 'delete group:eng', 'write group:eng'],
    );
  });

  it('stores a condition and its context, and evaluates them on check', async () => {
    const storeId = await newStore();
    await service.writeTuples(orgId, storeId, {
      writes: [
        { ...tuple('document:late#viewer@user:ann'), condition: { name: 'in_hours', context: { opens: 9 } } },
      ],
    });
    assert.equal(await decision(storeId, 'document:late#viewer@user:ann', { hour: 10 }), 'allow');
    assert.equal(await decision(storeId, 'document:late#viewer@user:ann', { hour: 8 }), 'deny');
    assert.equal(
      await decision(storeId, 'document:late#viewer@user:ann'),
      'error',
      'missing hour is never an allow',
    );
  });

  it('refuses a batch with one invalid tuple and writes none of it', async () => {
    const storeId = await newStore();
    const good = tuple('document:a#viewer@user:ann');
    for (const bad of [
      tuple('document:a#owner@user:ann'), // no such relation
      tuple('folder:f#viewer@user:*'), // wildcard not allowed there
      tuple('document:a#parent@user:ann'), // user type not allowed
      tuple('document:a#viewer@nobody'), // malformed user
      { ...tuple('document:a#viewer@user:cat'), condition: { name: 'missing' } },
    ]) {
      await assert.rejects(
        service.writeTuples(orgId, storeId, { writes: [good, bad] }),
        refusedWith('invalid_tuple'),
        JSON.stringify(bad),
      );
    }
    assert.equal(await decision(storeId, 'document:a#viewer@user:ann'), 'deny');
    assert.deepEqual(await changes(storeId), []);
  });

  it('refuses writing an existing tuple or deleting a missing one, rolling back the whole batch', async () => {
    const storeId = await newStore();
    await service.writeTuples(orgId, storeId, { writes: [tuple('document:a#viewer@user:ann')] });
    await assert.rejects(
      service.writeTuples(orgId, storeId, {
        writes: [tuple('document:b#viewer@user:bob'), tuple('document:a#viewer@user:ann')],
      }),
      refusedWith('write_failed_due_to_invalid_input'),
    );
    await assert.rejects(
      service.writeTuples(orgId, storeId, {
        deletes: [tuple('document:a#viewer@user:ann'), tuple('document:a#viewer@user:zed')],
        writes: [tuple('document:c#viewer@user:cat')],
      }),
      refusedWith('write_failed_due_to_invalid_input'),
    );
    assert.equal(await decision(storeId, 'document:b#viewer@user:bob'), 'deny', 'first write rolled back');
    assert.equal(await decision(storeId, 'document:a#viewer@user:ann'), 'allow', 'delete rolled back');
    assert.equal(await decision(storeId, 'document:c#viewer@user:cat'), 'deny');
    assert.equal((await changes(storeId)).length, 1, 'only the first, successful write is in the feed');
  });

  it('refuses the same tuple twice in one request and more than 100 tuples', async () => {
    const storeId = await newStore();
    const ann = tuple('document:a#viewer@user:ann');
    await assert.rejects(
      service.writeTuples(orgId, storeId, { writes: [ann, ann] }),
      refusedWith('cannot_allow_duplicate_tuples_in_one_request'),
    );
    await assert.rejects(
      service.writeTuples(orgId, storeId, { writes: [ann], deletes: [ann] }),
      refusedWith('cannot_allow_duplicate_tuples_in_one_request'),
    );
    const many = Array.from({ length: 101 }, (_, i) => tuple(`document:d${i}#viewer@user:ann`));
    await assert.rejects(
      service.writeTuples(orgId, storeId, { writes: many }),
      refusedWith('exceeded_entity_limit'),
    );
    await service.writeTuples(orgId, storeId, { writes: many.slice(0, 100) });
    assert.equal(await decision(storeId, 'document:d99#viewer@user:ann'), 'allow');
    assert.equal(await decision(storeId, 'document:d100#viewer@user:ann'), 'deny');
  });

  it('deletes a tuple whatever its condition, and validates writes against the named model', async () => {
    const storeId = await newStore();
    await service.writeTuples(orgId, storeId, {
      writes: [
        { ...tuple('document:late#viewer@user:ann'), condition: { name: 'in_hours', context: { opens: 9 } } },
      ],
    });
    await service.writeTuples(orgId, storeId, { deletes: [tuple('document:late#viewer@user:ann')] });
    assert.equal(await decision(storeId, 'document:late#viewer@user:ann', { hour: 10 }), 'deny');
    await assert.rejects(
      service.writeTuples(orgId, storeId, {
        writes: [tuple('document:a#viewer@user:ann')],
        modelId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      }),
      refusedWith('authorization_model_not_found'),
    );
  });
});
