/**
 * What /fga records in the organization's audit chain (store and model changes, erasures, with the key
 * as actor), what it leaves to the changes feed (tuple writes), and the erasure route end to end.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FgaServer, startFgaServer } from '../../../test/support/fga-client.ts';
import { bearer } from '../../../test/support/identity-client.ts';
import { orgAuditActions } from '../../../test/support/orgs-client.ts';

const MODEL = `model
  schema 1.1
type user
type folder
  relations
    define viewer: [user]
type document
  relations
    define parent: [folder]
    define viewer: [user] or viewer from parent
`;

describe('/fga audit entries and erasure', () => {
  let server: FgaServer;
  const call = async (method: 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) => {
    const res = await server.app.inject({
      method,
      url,
      headers: bearer(server.org.key),
      ...(payload ? { payload } : {}),
    });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.body ? res.json() : undefined;
  };
  const allowed = async (storeId: string, user: string, object: string) =>
    (
      await call('POST', `/fga/stores/${storeId}/check`, {
        tuple_key: { user, relation: 'viewer', object },
      })
    ).allowed as boolean;

  before(async () => {
    server = await startFgaServer();
  });
  after(async () => {
    await server?.close();
  });

  it('erases one user’s tuples, then one object’s, each as one audit entry; tuple writes go to the feed', async () => {
    const store = await call('POST', '/fga/stores', { name: 'erasure' });
    const { authorization_model_id: modelId } = await call(
      'POST',
      `/fga/stores/${store.id}/authorization-models`,
      { dsl: MODEL },
    );
    await call('POST', `/fga/stores/${store.id}/write`, {
      writes: {
        tuple_keys: [
          { user: 'user:anne', relation: 'viewer', object: 'document:a' },
          { user: 'user:anne', relation: 'viewer', object: 'folder:f' },
          { user: 'user:bob', relation: 'viewer', object: 'document:a' },
          { user: 'folder:f', relation: 'parent', object: 'document:b' },
          { user: 'user:bob', relation: 'viewer', object: 'folder:f' },
        ],
      },
    });
    assert.equal(await allowed(store.id, 'user:anne', 'document:b'), true);

    assert.deepEqual(await call('POST', `/fga/stores/${store.id}/erase`, { user: 'user:anne' }), {
      deleted: 2,
    });
    assert.equal(await allowed(store.id, 'user:anne', 'document:a'), false);
    assert.equal(await allowed(store.id, 'user:anne', 'document:b'), false);
    assert.equal(await allowed(store.id, 'user:bob', 'document:b'), true, 'bob keeps his access');

    // The folder goes: its own tuples and the documents' parent links to it.
    assert.deepEqual(await call('POST', `/fga/stores/${store.id}/erase`, { object: 'folder:f' }), {
      deleted: 2,
    });
    assert.equal(await allowed(store.id, 'user:bob', 'document:b'), false);
    assert.equal(await allowed(store.id, 'user:bob', 'document:a'), true);
    const left = await call('POST', `/fga/stores/${store.id}/read`, {});
    assert.deepEqual(
      left.tuples.map(
        (tuple: { key: { user: string; object: string } }) => `${tuple.key.object}@${tuple.key.user}`,
      ),
      ['document:a@user:bob'],
    );

    await call('DELETE', `/fga/stores/${store.id}`);
    const actions = await orgAuditActions(server.app, server.operator, server.org.orgId);
    const mine = actions.filter(
      (entry) =>
        entry.target_id === store.id || entry.target_id === modelId || entry.metadata?.store_id === store.id,
    );
    assert.deepEqual(
      mine.map((entry) => entry.action),
      [
        'access_store.created',
        'authorization_model.written',
        'access_tuples.erased',
        'access_tuples.erased',
        'access_store.deleted',
      ],
    );
    const erasures = mine.filter((entry) => entry.action === 'access_tuples.erased');
    assert.deepEqual(
      erasures.map((entry) => entry.metadata?.count),
      [2, 2],
    );
    // The actor is the key, by id; the key's secret is nowhere.
    assert.ok(
      mine.every((entry) => entry.actor_id !== null && !JSON.stringify(entry).includes(server.org.key)),
    );
  });

  it('refuses an erasure naming both or neither, and one in another organization’s store', async () => {
    const store = await call('POST', '/fga/stores', { name: 'refusals' });
    for (const payload of [{}, { user: 'user:a', object: 'document:a' }]) {
      const res = await server.app.inject({
        method: 'POST',
        url: `/fga/stores/${store.id}/erase`,
        headers: bearer(server.org.key),
        payload,
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().code, 'validation_error');
    }
    const other = await server.newOrg();
    const res = await server.app.inject({
      method: 'POST',
      url: `/fga/stores/${store.id}/erase`,
      headers: bearer(other.key),
      payload: { user: 'user:a' },
    });
    assert.equal(res.statusCode, 404, res.body);
    assert.equal(res.json().code, 'store_id_not_found');
  });
});
