/**
 * Read-your-writes across instances: two access services with their own connection pools and model
 * caches on one PostgreSQL database. Once one acknowledges a write or a delete, the other's very next
 * check sees it (no tuple cache anywhere: a stale allow after a delete would be a breach).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase, testBackend } from '../../../test/support/test-database.ts';
import { type Database, openDatabase } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { type AccessService, createAccessService } from './access-service.ts';

const audit = { actor: { type: 'system' as const, id: null } };

const MODEL = `model
  schema 1.1
type user
type group
  relations
    define member: [user]
type document
  relations
    define viewer: [user, group#member]
`;

describe('access checks across two instances on one PostgreSQL', {
  skip: testBackend !== 'postgres' && 'PGlite is one connection: this runs on the PostgreSQL pass',
}, () => {
  let database: TestDatabase;
  let secondDatabase: Database;
  let writer: AccessService;
  let reader: AccessService;
  const orgId = newId('org');

  before(async () => {
    database = await openTestDatabase();
    const appUrl = new URL(database.url ?? '');
    appUrl.username = 'keystone_app';
    appUrl.password = '';
    secondDatabase = await openDatabase({
      databaseUrl: database.url,
      appDatabaseUrl: appUrl.toString(),
      poolSize: 2,
    });
    writer = createAccessService({ database });
    reader = createAccessService({ database: secondDatabase });
  });
  after(async () => {
    await secondDatabase.close();
    await database.close();
  });

  it('never answers allow on one instance after the other acknowledged the delete', async () => {
    const storeId = (await writer.createStore(orgId, 'shared', audit)).id;
    await writer.writeModel(orgId, storeId, MODEL, audit);
    await writer.writeTuples(orgId, storeId, {
      writes: [{ object: 'document:plan', relation: 'viewer', user: 'group:eng#member' }],
    });
    const membership = { object: 'group:eng', relation: 'member', user: 'user:ann' };
    const request = { object: 'document:plan', relation: 'viewer', user: 'user:ann' };
    for (let round = 0; round < 20; round++) {
      await writer.writeTuples(orgId, storeId, { writes: [membership] });
      assert.equal(
        (await reader.check(orgId, storeId, request)).decision,
        'allow',
        `round ${round} after write`,
      );
      await writer.writeTuples(orgId, storeId, { deletes: [membership] });
      assert.equal(
        (await reader.check(orgId, storeId, request)).decision,
        'deny',
        `round ${round} after delete`,
      );
    }
  });

  it("uses the other instance's newest model as the latest", async () => {
    const storeId = (await writer.createStore(orgId, 'models', audit)).id;
    await writer.writeModel(orgId, storeId, MODEL, audit);
    const request = { object: 'document:plan', relation: 'editor', user: 'user:ann' };
    assert.equal((await reader.check(orgId, storeId, request)).decision, 'error', 'no editor relation yet');
    const newer = await writer.writeModel(orgId, storeId, `${MODEL}    define editor: [user]\n`, audit);
    const outcome = await reader.check(orgId, storeId, request);
    assert.equal(outcome.decision, 'deny');
    assert.equal(outcome.modelId, newer);
  });
});
