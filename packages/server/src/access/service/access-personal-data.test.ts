/**
 * Access control's GDPR participant: an organization's export lists its stores, and erasure deletes
 * every row it has in the access tables (and can be re-run), leaving other organizations untouched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { newId } from '../../platform/ids.ts';
import { accessPersonalData } from './access-personal-data.ts';
import { type AccessService, createAccessService } from './access-service.ts';

const audit = { actor: { type: 'system' as const, id: null } };

const MODEL = `model
  schema 1.1
type user
type document
  relations
    define viewer: [user]
`;

describe('access control personal data', () => {
  let database: TestDatabase;
  let service: AccessService;

  before(async () => {
    database = await openTestDatabase();
    service = createAccessService({ database });
  });
  after(async () => {
    await database.close();
  });

  async function populated(orgId: string) {
    const store = await service.createStore(orgId, 'docs', audit);
    const modelId = await service.writeModel(orgId, store.id, MODEL, audit);
    await service.writeTuples(orgId, store.id, {
      writes: [
        { object: 'document:1', relation: 'viewer', user: 'user:ann' },
        { object: 'document:2', relation: 'viewer', user: 'user:bob' },
      ],
    });
    await service.writeTuples(orgId, store.id, {
      deletes: [{ object: 'document:2', relation: 'viewer', user: 'user:bob' }],
    });
    return { storeId: store.id, modelId };
  }

  function rowCounts(orgId: string) {
    return withTenant(database, orgId, async (scope) => {
      const count = async (table: string) =>
        (
          await sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE org_id = ${orgId}`.execute(scope.db)
        ).rows[0]?.n;
      return {
        fga_stores: await count('fga_stores'),
        fga_models: await count('fga_models'),
        fga_tuples: await count('fga_tuples'),
        fga_changes: await count('fga_changes'),
      };
    });
  }

  it("exports an organization's stores with their models and tuple counts", async () => {
    const orgId = newId('org');
    const { storeId, modelId } = await populated(orgId);
    const exported = (await accessPersonalData(database).exportOrganization?.(orgId)) as Array<{
      id: string;
      name: string;
      model_ids: string[];
      tuple_count: number;
    }>;
    assert.deepEqual(
      exported.map(({ id, name, model_ids, tuple_count }) => ({ id, name, model_ids, tuple_count })),
      [{ id: storeId, name: 'docs', model_ids: [modelId], tuple_count: 1 }],
    );
  });

  it('erases every access row of the organization, idempotently, and nothing of another', async () => {
    const erased = newId('org');
    const kept = newId('org');
    await populated(erased);
    const keptStore = await populated(kept);
    assert.deepEqual(await rowCounts(erased), {
      fga_stores: 1,
      fga_models: 1,
      fga_tuples: 1,
      fga_changes: 3,
    });
    const keptBefore = await rowCounts(kept);

    const participant = accessPersonalData(database);
    await participant.eraseOrganization?.(erased);
    await participant.eraseOrganization?.(erased);

    assert.deepEqual(await rowCounts(erased), {
      fga_stores: 0,
      fga_models: 0,
      fga_tuples: 0,
      fga_changes: 0,
    });
    assert.deepEqual(await rowCounts(kept), keptBefore);
    const outcome = await service.check(kept, keptStore.storeId, {
      object: 'document:1',
      relation: 'viewer',
      user: 'user:ann',
    });
    assert.equal(outcome.decision, 'allow');
  });
});
