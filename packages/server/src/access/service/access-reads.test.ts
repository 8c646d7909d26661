/**
 * OpenFGA's Read and ReadChanges through the access service: filters, pages with continuation tokens
 * that cover every tuple exactly once, a changes feed that resumes where it stopped, and refusals of
 * malformed filters and foreign tokens.
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
type document
  relations
    define viewer: [user, group#member]
    define editor: [user]
`;

function tuple(text: string): TupleRecord {
  const hash = text.indexOf('#');
  const at = text.lastIndexOf('@');
  return { object: text.slice(0, hash), relation: text.slice(hash + 1, at), user: text.slice(at + 1) };
}

function show(tuples: readonly { tuple: TupleRecord }[]): string[] {
  return tuples.map(({ tuple: t }) => `${t.object}#${t.relation}@${t.user}`).sort();
}

function refusedWith(code: AccessErrorCode) {
  return (error: unknown) => error instanceof AccessError && error.code === code;
}

describe('access reads and the changes feed', () => {
  let database: TestDatabase;
  let service: AccessService;
  const orgId = newId('org');
  let storeId: string;
  const TUPLES = [
    'document:a#viewer@user:ann',
    'document:a#editor@user:ann',
    'document:a#viewer@group:eng#member',
    'document:b#viewer@user:ann',
    'document:b#viewer@user:bob',
    'group:eng#member@user:bob',
  ];

  before(async () => {
    database = await openTestDatabase();
    service = createAccessService({ database });
    storeId = (await service.createStore(orgId, 'reads', audit)).id;
    await service.writeModel(orgId, storeId, MODEL, audit);
    await service.writeTuples(orgId, storeId, { writes: TUPLES.map(tuple) });
  });
  after(async () => {
    await database.close();
  });

  it('reads by object, object and relation, object type and user, or everything', async () => {
    const read = async (tupleKey?: { object?: string; relation?: string; user?: string }) =>
      show((await service.readTuples(orgId, storeId, tupleKey ? { tupleKey } : {})).tuples);
    assert.deepEqual(await read({ object: 'document:a' }), [
      'document:a#editor@user:ann',
      'document:a#viewer@group:eng#member',
      'document:a#viewer@user:ann',
    ]);
    assert.deepEqual(await read({ object: 'document:a', relation: 'viewer' }), [
      'document:a#viewer@group:eng#member',
      'document:a#viewer@user:ann',
    ]);
    assert.deepEqual(await read({ object: 'document:', relation: 'viewer', user: 'user:ann' }), [
      'document:a#viewer@user:ann',
      'document:b#viewer@user:ann',
    ]);
    assert.deepEqual(await read({ object: 'document:', user: 'group:eng#member' }), [
      'document:a#viewer@group:eng#member',
    ]);
    assert.deepEqual(await read(), [...TUPLES].sort());
  });

  it('pages with continuation tokens that cover every tuple once', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await service.readTuples(orgId, storeId, {
        pageSize: 4,
        ...(token ? { continuationToken: token } : {}),
      });
      seen.push(...show(page.tuples));
      token = page.continuationToken || undefined;
      pages++;
    } while (token);
    assert.equal(pages, 2);
    assert.deepEqual(seen.sort(), [...TUPLES].sort());
  });

  it('refuses malformed filters, page sizes and foreign tokens', async () => {
    await assert.rejects(
      service.readTuples(orgId, storeId, { tupleKey: { relation: 'viewer' } }),
      refusedWith('validation_error'),
    );
    await assert.rejects(
      service.readTuples(orgId, storeId, { tupleKey: { object: 'document:' } }),
      refusedWith('validation_error'),
    );
    await assert.rejects(
      service.readTuples(orgId, storeId, { pageSize: 101 }),
      refusedWith('validation_error'),
    );
    const page = await service.readTuples(orgId, storeId, { pageSize: 1 });
    await assert.rejects(
      service.readTuples(orgId, storeId, {
        tupleKey: { object: 'document:a' },
        continuationToken: page.continuationToken,
      }),
      refusedWith('invalid_continuation_token'),
    );
    await assert.rejects(
      service.readTuples(orgId, storeId, { continuationToken: 'not a token' }),
      refusedWith('invalid_continuation_token'),
    );
  });

  it('feeds changes in order, by type, and resumes from its token', async () => {
    const store = (await service.createStore(orgId, 'feed', audit)).id;
    await service.writeModel(orgId, store, MODEL, audit);
    await service.writeTuples(orgId, store, {
      writes: [tuple('document:a#viewer@user:ann'), tuple('group:eng#member@user:bob')],
    });
    const first = await service.readChanges(orgId, store, {});
    assert.deepEqual(
      first.changes.map((c) => `${c.operation} ${c.tuple.object}`),
      ['write document:a', 'write group:eng'],
    );
    const empty = await service.readChanges(orgId, store, { continuationToken: first.continuationToken });
    assert.deepEqual(empty.changes, []);
    assert.equal(empty.continuationToken, first.continuationToken, 'nothing new: the same position');

    await service.writeTuples(orgId, store, { deletes: [tuple('document:a#viewer@user:ann')] });
    const next = await service.readChanges(orgId, store, { continuationToken: first.continuationToken });
    assert.deepEqual(
      next.changes.map((c) => `${c.operation} ${c.tuple.object}#${c.tuple.relation}@${c.tuple.user}`),
      ['delete document:a#viewer@user:ann'],
    );
    const documents = await service.readChanges(orgId, store, { type: 'document' });
    assert.deepEqual(
      documents.changes.map((c) => c.operation),
      ['write', 'delete'],
    );
    await assert.rejects(
      service.readChanges(orgId, store, { type: 'group', continuationToken: documents.continuationToken }),
      refusedWith('invalid_continuation_token'),
    );
  });

  it("reads nothing of another organization's store", async () => {
    const other = newId('org');
    await assert.rejects(service.readTuples(other, storeId), refusedWith('store_id_not_found'));
    await assert.rejects(service.readChanges(other, storeId), refusedWith('store_id_not_found'));
  });
});
