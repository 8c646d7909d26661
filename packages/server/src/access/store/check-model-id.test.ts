/**
 * A check's model-id statement answers as resolveModelId does (live store, latest or named model) and
 * switches only its own transaction to generic plans.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { newId } from '../../platform/ids.ts';
import { createAccessService } from '../service/access-service.ts';
import { checkModelId } from './check-model-id.ts';
import { resolveModelId } from './store-records.ts';

const audit = { actor: { type: 'system' as const, id: null } };
const MODEL = `model
  schema 1.1
type user
type document
  relations
    define viewer: [user]
`;

describe('check model id', () => {
  let database: TestDatabase;
  const orgId = newId('org');
  let storeId: string;
  let emptyStoreId: string;
  let first: string;
  let latest: string;

  before(async () => {
    database = await openTestDatabase();
    const service = createAccessService({ database });
    storeId = (await service.createStore(orgId, 'models', audit)).id;
    emptyStoreId = (await service.createStore(orgId, 'empty', audit)).id;
    first = await service.writeModel(orgId, storeId, MODEL, audit);
    latest = await service.writeModel(orgId, storeId, MODEL, audit);
  });
  after(async () => {
    await database.close();
  });

  it('answers as resolveModelId: latest, named, unknown model, empty and missing store', async () => {
    const cases: Array<[string, string | undefined]> = [
      [storeId, undefined],
      [storeId, first],
      [storeId, latest],
      [storeId, '01ARZ3NDEKTSV4RRFFQ69G5FAV'],
      [emptyStoreId, undefined],
      ['01ARZ3NDEKTSV4RRFFQ69G5FAV', undefined],
    ];
    for (const [store, model] of cases) {
      const [got, want] = await withTenant(database, orgId, async (scope) => [
        await checkModelId(scope, store, model),
        await resolveModelId(scope, store, model),
      ]);
      assert.deepEqual(got, want, `${store} ${model}`);
    }
    assert.deepEqual(await withTenant(database, orgId, (scope) => checkModelId(scope, storeId)), {
      modelId: latest,
    });
    // Another organization does not see the store.
    assert.equal(
      await withTenant(database, newId('org'), (scope) => checkModelId(scope, storeId)),
      undefined,
    );
  });

  it('switches its own transaction to generic plans, and no other', async () => {
    const setting = sql<{ mode: string }>`SELECT current_setting('plan_cache_mode') AS mode`;
    const inside = await withTenant(database, orgId, async (scope) => {
      await checkModelId(scope, storeId);
      return (await setting.execute(scope.db)).rows[0]?.mode;
    });
    assert.equal(inside, 'force_generic_plan');
    const next = await withTenant(
      database,
      orgId,
      async (scope) => (await setting.execute(scope.db)).rows[0]?.mode,
    );
    assert.equal(next, 'auto');
  });
});
