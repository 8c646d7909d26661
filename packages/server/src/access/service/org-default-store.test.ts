/**
 * Every organization is created with one access-control store ("default"), in the same transaction
 * as the organization, audited in its chain; the organization's export lists it and erasure removes it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newSignedInUser } from '../../../test/support/identity-client.ts';
import { callAs, createOrg, orgAuditActions } from '../../../test/support/orgs-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { DEFAULT_STORE_NAME } from './org-default-store.ts';

describe('the store an organization is created with', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('POST /v1/organizations creates exactly one store, audited by the creator after the organization', async () => {
    const owner = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Store Owner' });

    const stores = await t.app.access.listStores(org.id);
    assert.deepEqual(
      stores.map((store) => store.name),
      [DEFAULT_STORE_NAME],
    );
    const store = stores[0];
    assert.ok(store);
    // A usable store: a model and a tuple can be written to it, and a check answers.
    const audit = { actor: { type: 'user' as const, id: owner.user.id } };
    await t.app.access.writeModel(
      org.id,
      store.id,
      'model\n  schema 1.1\ntype user\ntype document\n  relations\n    define viewer: [user]',
      audit,
    );
    await t.app.access.writeTuples(org.id, store.id, {
      writes: [{ object: 'document:1', relation: 'viewer', user: 'user:ann' }],
    });
    const outcome = await t.app.access.check(org.id, store.id, {
      object: 'document:1',
      relation: 'viewer',
      user: 'user:ann',
    });
    assert.equal(outcome.decision, 'allow');

    const actions = await orgAuditActions(t.app, t.operator, org.id);
    assert.deepEqual(
      actions.slice(0, 2).map((a) => [a.action, a.actor_id, a.target_id]),
      [
        ['organization.created', owner.user.id, org.id],
        ['access_store.created', owner.user.id, store.id],
      ],
    );
    assert.deepEqual(actions[1]?.metadata, { name: DEFAULT_STORE_NAME });

    // Another organization gets its own store; neither sees the other's.
    const other = await createOrg(t.app, owner.access_token, { name: 'Store Owner Two' });
    const otherStores = await t.app.access.listStores(other.id);
    assert.equal(otherStores.length, 1);
    assert.notEqual(otherStores[0]?.id, store.id);
  });

  it('a refused creation (slug taken) leaves no store behind', async () => {
    const owner = await newSignedInUser(t.app);
    const slug = `store-slug-${Date.now().toString(36)}`;
    await createOrg(t.app, owner.access_token, { name: 'First', slug });
    const storesBefore = await countAllStores();
    const dup = await callAs(t.app, 'POST', '/v1/organizations', owner.access_token, { name: 'Dup', slug });
    assert.equal(dup.statusCode, 409, dup.body);
    assert.equal(await countAllStores(), storesBefore);
  });

  it("the organization's export lists the store, and erasing the organization removes it", async () => {
    const owner = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Store Erased' });
    const [store] = await t.app.access.listStores(org.id);
    assert.ok(store);

    const exported = await callAs(t.app, 'GET', `/v1/organizations/${org.id}/export`, owner.access_token);
    assert.equal(exported.statusCode, 200, exported.body);
    assert.deepEqual(
      exported.json().sections.access_control.map((s: { id: string; name: string }) => [s.id, s.name]),
      [[store.id, DEFAULT_STORE_NAME]],
    );

    const erased = await callAs(t.app, 'DELETE', `/v1/organizations/${org.id}`, owner.access_token);
    assert.equal(erased.statusCode, 204, erased.body);
    const left = await withTenant(t.database, org.id, (scope) =>
      scope.db.selectFrom('fga_stores').select('id').where('org_id', '=', org.id).execute(),
    );
    assert.deepEqual(left, []);
  });

  /** Every store of the instance, counted as the owner role (the refused organization's id is never known). */
  async function countAllStores(): Promise<number> {
    const owner = await t.database.ownerRunner();
    try {
      const [row] = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM fga_stores');
      return row?.n ?? 0;
    } finally {
      await owner.close();
    }
  }
});
