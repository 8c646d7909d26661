import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, newSignedInUser } from '../../../test/support/identity-client.ts';
import { callAs, createOrg } from '../../../test/support/orgs-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { ORG_KEY_SCOPES } from '../api-keys/engine/scopes.ts';

type Operation = { method: string; path: string; hasBody: boolean };

/**
 * A routes-wide wall: every operation of the OpenAPI document, called by a member
 * of a second organization and by that organization's secret key with every scope
 * an organization key can hold, with the first organization's ids in the path.
 * No answer may carry anything of the first organization; every route under
 * /v1/organizations/{orgId} refuses.
 */
describe('the second tenant walks the whole API', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('a second organization’s member and its key get no data of the first, on any route', async () => {
    const owner = await newSignedInUser(t.app, { name: 'First Owner Marker' });
    const first = await createOrg(t.app, owner.access_token, {
      name: 'First Org Marker',
      private_metadata: { note: 'first-secret-marker' },
    });
    const asOwner = (method: 'POST', url: string, payload: Record<string, unknown>) =>
      callAs(t.app, method, url, owner.access_token, payload);
    const role = await asOwner('POST', `/v1/organizations/${first.id}/roles`, {
      key: 'first_marker_role',
      name: 'First Marker Role',
      permissions: ['members:view'],
    });
    assert.equal(role.statusCode, 201, role.body);
    const invitation = await asOwner('POST', `/v1/organizations/${first.id}/invitations`, {
      email: 'first-invitee-marker@example.test',
      role: 'viewer',
    });
    assert.equal(invitation.statusCode, 201, invitation.body);
    const firstKey = await asOwner('POST', `/v1/organizations/${first.id}/api-keys`, {
      name: 'first key marker',
      kind: 'secret',
      environment: 'live',
      scopes: ['orgs:read'],
    });
    assert.equal(firstKey.statusCode, 201, firstKey.body);

    // An access-control store of the first organization, with a model and a tuple.
    const firstFgaKey = await asOwner('POST', `/v1/organizations/${first.id}/api-keys`, {
      name: 'first fga key',
      kind: 'secret',
      environment: 'live',
      scopes: ['fga:write'],
    });
    assert.equal(firstFgaKey.statusCode, 201, firstFgaKey.body);
    const asFirstKey = async (url: string, payload: Record<string, unknown>) => {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: bearer(firstFgaKey.json().secret),
        payload,
      });
      assert.ok(res.statusCode < 300, res.body);
      return res.json();
    };
    const store = await asFirstKey('/fga/stores', { name: 'first-store-marker' });
    const model = await asFirstKey(`/fga/stores/${store.id}/authorization-models`, {
      dsl: 'model\n  schema 1.1\ntype user\ntype document\n  relations\n    define viewer: [user]\n',
    });
    await asFirstKey(`/fga/stores/${store.id}/write`, {
      writes: { tuple_keys: [{ user: 'user:first-user-marker', relation: 'viewer', object: 'document:x' }] },
    });

    const stranger = await newSignedInUser(t.app);
    const second = await createOrg(t.app, stranger.access_token, { name: 'Second' });
    const secondKey = await callAs(
      t.app,
      'POST',
      `/v1/organizations/${second.id}/api-keys`,
      stranger.access_token,
      {
        name: 'second key',
        kind: 'secret',
        environment: 'live',
        scopes: [...ORG_KEY_SCOPES],
      },
    );
    assert.equal(secondKey.statusCode, 201, secondKey.body);

    const markers = [
      owner.user.id,
      owner.email,
      'First Owner Marker',
      'First Org Marker',
      'first-secret-marker',
      'first_marker_role',
      'first-invitee-marker',
      'first key marker',
      firstKey.json().id,
      invitation.json().id,
      store.id,
      'first-store-marker',
      model.authorization_model_id,
      'first-user-marker',
    ];
    const callers = {
      member: bearer(stranger.access_token),
      key: bearer(secondKey.json().secret),
    };
    const ids: Record<string, string> = {
      orgId: first.id,
      userId: owner.user.id,
      invitationId: invitation.json().id,
      keyId: firstKey.json().id,
      key: 'first_marker_role',
      store_id: store.id,
      id: model.authorization_model_id,
    };

    const operations = await allOperations(t);
    assert.ok(operations.length >= 60, `found ${operations.length} operations`);
    let walked = 0;
    for (const op of operations) {
      // Erasing oneself would end the walk early (every later call then answers 401).
      if (op.method === 'DELETE' && op.path === '/v1/me') continue;
      const url = op.path.replace(/\{([A-Za-z_]+)\}/g, (_, name: string) => ids[name] ?? 'x_unknown');
      for (const [who, headers] of Object.entries(callers)) {
        const res = await t.app.inject({
          method: op.method as 'GET',
          url,
          headers,
          ...(op.hasBody ? { payload: {} } : {}),
        });
        walked++;
        const label = `${who}: ${op.method} ${op.path} (${res.statusCode})`;
        assert.ok(res.statusCode < 500, `${label}: ${res.body}`);
        // A problem's `instance` echoes the URL we sent, ids included; nothing else may name the first org.
        const body = res.body.replace(/"instance":"[^"]*"/, '');
        // Echoing an id the caller sent (a "store '…' not found" message) tells it nothing new.
        for (const marker of markers) {
          if (url.includes(marker)) continue;
          assert.ok(!body.includes(marker), `${label} leaked ${marker}: ${body}`);
        }
        if (op.path.startsWith('/v1/organizations/{orgId}') || op.path.startsWith('/fga/stores/{store_id}')) {
          assert.ok(res.statusCode >= 400, `${label} let a second tenant in`);
        }
      }
    }
    assert.ok(walked >= 120);
  });
});

async function allOperations(t: TestApp): Promise<Operation[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, { requestBody?: unknown }>>(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      operations.push({ method: method.toUpperCase(), path, hasBody: op.requestBody !== undefined });
    }
  }
  return operations;
}
