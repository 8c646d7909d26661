/**
 * The access service's stores and models on a real database: lifecycle, immutability, the latest
 * model, refusals, and the tenant wall (another organization's store is not found, its rows unseen).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { listAuditEntries } from '../../platform/audit/index.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { newId } from '../../platform/ids.ts';
import { modelJsonFromDsl } from '../engine/model-compiler.ts';
import { ULID_PATTERN } from '../store/ulid.ts';
import { AccessError, type AccessErrorCode } from './access-error.ts';
import { type AccessService, createAccessService } from './access-service.ts';

const audit = { actor: { type: 'user' as const, id: 'usr_01JAUDITACTOR0000000000000' } };

const DOCS = `model
  schema 1.1
type user
type document
  relations
    define viewer: [user]
`;

const DOCS_V2 = `${DOCS}    define editor: [user]
`;

function refusedWith(code: AccessErrorCode) {
  return (error: unknown) => error instanceof AccessError && error.code === code;
}

describe('access stores and models', () => {
  let database: TestDatabase;
  let service: AccessService;
  const orgA = newId('org');
  const orgB = newId('org');

  before(async () => {
    database = await openTestDatabase();
    service = createAccessService({ database });
  });
  after(async () => {
    await database.close();
  });

  it('creates, lists, gets and deletes stores per organization, with ULID ids', async () => {
    const first = await service.createStore(orgA, 'first', audit);
    const second = await service.createStore(orgA, 'second', audit);
    assert.match(first.id, ULID_PATTERN);
    assert.ok(second.id > first.id, 'ids are time-ordered');
    assert.deepEqual(
      (await service.listStores(orgA)).map((store) => store.name),
      ['first', 'second'],
    );
    assert.deepEqual(
      (await service.listStores(orgA, { limit: 1, after: first.id })).map((store) => store.id),
      [second.id],
    );
    assert.equal((await service.getStore(orgA, first.id)).name, 'first');

    await service.writeModel(orgA, first.id, DOCS, audit);
    await service.deleteStore(orgA, first.id, audit);
    await assert.rejects(
      service.check(orgA, first.id, { object: 'document:1', relation: 'viewer', user: 'user:ann' }),
      refusedWith('store_id_not_found'),
    );
    await assert.rejects(
      service.writeTuples(orgA, first.id, {
        writes: [{ object: 'document:1', relation: 'viewer', user: 'user:ann' }],
      }),
      refusedWith('store_id_not_found'),
    );
    await assert.rejects(service.readModel(orgA, first.id), refusedWith('store_id_not_found'));
    await assert.rejects(service.getStore(orgA, first.id), refusedWith('store_id_not_found'));
    await assert.rejects(service.deleteStore(orgA, first.id, audit), refusedWith('store_id_not_found'));
    await assert.rejects(service.writeModel(orgA, first.id, DOCS, audit), refusedWith('store_id_not_found'));
    assert.deepEqual(
      (await service.listStores(orgA)).map((store) => store.id),
      [second.id],
    );
  });

  it('writes models from DSL or JSON, reads them by id, and uses the newest as the latest', async () => {
    const store = await service.createStore(orgA, 'models', audit);
    await assert.rejects(
      service.readModel(orgA, store.id),
      refusedWith('latest_authorization_model_not_found'),
    );
    await assert.rejects(
      service.check(orgA, store.id, { object: 'document:1', relation: 'viewer', user: 'user:ann' }),
      refusedWith('latest_authorization_model_not_found'),
    );
    const v1 = await service.writeModel(orgA, store.id, DOCS, audit);
    const v2 = await service.writeModel(
      orgA,
      store.id,
      { ...modelJsonFromDsl(DOCS_V2), id: 'ignored' } as ReturnType<typeof modelJsonFromDsl>,
      audit,
    );
    assert.match(v1, ULID_PATTERN);
    assert.ok(v2 > v1);

    const latest = await service.readModel(orgA, store.id);
    assert.equal(latest.id, v2);
    assert.equal(latest.schemaVersion, '1.1');
    assert.deepEqual(latest.model, modelJsonFromDsl(DOCS_V2));
    assert.deepEqual((await service.readModel(orgA, store.id, v1)).model, modelJsonFromDsl(DOCS));
    assert.deepEqual(
      (await service.listModels(orgA, store.id)).map((model) => model.id),
      [v2, v1],
    );
    await assert.rejects(
      service.readModel(orgA, store.id, '01ARZ3NDEKTSV4RRFFQ69G5FAV'),
      refusedWith('authorization_model_not_found'),
    );

    // A check names the model it used; an older one can be asked for.
    const outcome = await service.check(orgA, store.id, {
      object: 'document:1',
      relation: 'editor',
      user: 'user:ann',
      modelId: v1,
    });
    assert.equal(outcome.decision, 'error', 'editor is not in the first model');
    assert.equal(outcome.modelId, v1);
  });

  it('refuses an invalid model and stores nothing', async () => {
    const store = await service.createStore(orgA, 'invalid', audit);
    const valid = await service.writeModel(orgA, store.id, DOCS, audit);
    await assert.rejects(
      service.writeModel(orgA, store.id, `${DOCS}    define owner: [team]\n`, audit),
      refusedWith('invalid_authorization_model'),
    );
    await assert.rejects(service.writeModel(orgA, store.id, 'model\n  schema 1.1\ntype', audit), (error) => {
      assert.ok(error instanceof AccessError && error.code === 'invalid_authorization_model');
      assert.ok(error.message.length > 0, 'a readable reason');
      return true;
    });
    assert.equal((await service.readModel(orgA, store.id)).id, valid);
    assert.equal((await service.listModels(orgA, store.id)).length, 1);
  });

  it('audits store creation and deletion and model writes in the same transaction, refusals not', async () => {
    const orgId = newId('org');
    const store = await service.createStore(orgId, 'audited', audit);
    const modelId = await service.writeModel(orgId, store.id, DOCS, audit);
    await assert.rejects(service.writeModel(orgId, store.id, 'model', audit));
    await service.deleteStore(orgId, store.id, audit);
    await assert.rejects(service.deleteStore(orgId, store.id, audit));
    const { entries } = await listAuditEntries(database, orgId, { afterSeq: 0, limit: 10 });
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.target_id, entry.actor_id]),
      [
        ['access_store.created', store.id, audit.actor.id],
        ['authorization_model.written', modelId, audit.actor.id],
        ['access_store.deleted', store.id, audit.actor.id],
      ],
    );
  });

  it('keeps models immutable: the app role cannot update a stored model', async () => {
    const store = await service.createStore(orgA, 'immutable', audit);
    const id = await service.writeModel(orgA, store.id, DOCS, audit);
    await assert.rejects(
      withTenant(database, orgA, (scope) =>
        sql`UPDATE fga_models SET schema_version = '1.2' WHERE id = ${id}`.execute(scope.db),
      ),
      /permission denied/,
    );
    assert.equal((await service.readModel(orgA, store.id, id)).schemaVersion, '1.1');
  });

  it("walls tenants: another organization's store is not found and its rows are unseen", async () => {
    const store = await service.createStore(orgA, 'walled', audit);
    const modelId = await service.writeModel(orgA, store.id, DOCS, audit);
    await service.writeTuples(orgA, store.id, {
      writes: [{ object: 'document:1', relation: 'viewer', user: 'user:ann' }],
    });
    const request = { object: 'document:1', relation: 'viewer', user: 'user:ann' };
    assert.equal((await service.check(orgA, store.id, request)).decision, 'allow');

    await assert.rejects(service.getStore(orgB, store.id), refusedWith('store_id_not_found'));
    await assert.rejects(service.readModel(orgB, store.id, modelId), refusedWith('store_id_not_found'));
    await assert.rejects(service.writeModel(orgB, store.id, DOCS, audit), refusedWith('store_id_not_found'));
    await assert.rejects(service.check(orgB, store.id, request), refusedWith('store_id_not_found'));
    await assert.rejects(
      service.writeTuples(orgB, store.id, { writes: [{ ...request, user: 'user:bob' }] }),
      refusedWith('store_id_not_found'),
    );
    await assert.rejects(service.deleteStore(orgB, store.id, audit), refusedWith('store_id_not_found'));
    assert.deepEqual(await service.listStores(orgB), []);

    // Row-level security is the second wall: unfiltered reads in B's scope see none of A's rows.
    const counts = await withTenant(database, orgB, async (scope) => {
      const count = async (table: string) =>
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(scope.db))
          .rows[0]?.n;
      return {
        stores: await count('fga_stores'),
        models: await count('fga_models'),
        tuples: await count('fga_tuples'),
        changes: await count('fga_changes'),
      };
    });
    assert.deepEqual(counts, { stores: 0, models: 0, tuples: 0, changes: 0 });
    assert.equal((await service.check(orgA, store.id, request)).decision, 'allow', 'A still sees its own');
  });
});
