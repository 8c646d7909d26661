/**
 * OpenFGA's own Node SDK, unchanged, pointed at Keystone's /fga with an organization's API key as its
 * bearer token: stores, models, tuple writes, reads, changes, check and batch-check, and the errors the
 * SDK surfaces (its error classes and OpenFGA's codes). Another organization's key sees nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  FgaApiAuthenticationError,
  FgaApiError,
  FgaApiNotFoundError,
  FgaApiValidationError,
  type OpenFgaClient,
} from '@openfga/sdk';
import { transformer } from '@openfga/syntax-transformer';
import { type FgaServer, openFgaClient, startFgaServer } from '../../../test/support/fga-client.ts';
import { DEMO_ACCESS_MODEL } from '../service/demo-access.ts';

/** The document-sharing model of docs/access.md, which `npm start` seeds in the demo organization. */
const DOCUMENT_SHARING = DEMO_ACCESS_MODEL;

/** What the SDK throws for a request Keystone refuses. */
async function refusal(call: Promise<unknown>): Promise<FgaApiError & { apiErrorCode?: string }> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof FgaApiError, `expected an FgaApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('the request was not refused');
}

describe('OpenFGA SDK against /fga', () => {
  let server: FgaServer;
  let fga: OpenFgaClient;
  let storeId: string;
  let modelId: string;

  before(async () => {
    server = await startFgaServer();
    const admin = openFgaClient(server.apiUrl, server.org.key);
    const store = await admin.createStore({ name: 'docs' });
    storeId = store.id;
    fga = openFgaClient(server.apiUrl, server.org.key, storeId);
    const written = await fga.writeAuthorizationModel(
      transformer.transformDSLToJSONObject(DOCUMENT_SHARING) as never,
    );
    modelId = written.authorization_model_id;
  });
  after(async () => {
    await server?.close();
  });

  it('creates, gets and lists stores with ULID ids the SDK accepts', async () => {
    assert.match(storeId, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    const store = await fga.getStore();
    assert.equal(store.name, 'docs');
    assert.ok(!Number.isNaN(Date.parse(store.created_at)));
    const listed = await fga.listStores();
    assert.ok(listed.stores.some((item) => item.id === storeId));
  });

  it('reads the model back, by id and as the latest', async () => {
    assert.match(modelId, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    const latest = await fga.readLatestAuthorizationModel();
    assert.equal(latest.authorization_model?.id, modelId);
    assert.deepEqual(
      latest.authorization_model?.type_definitions.map((type) => type.type),
      ['user', 'group', 'folder', 'document'],
    );
    assert.ok(latest.authorization_model?.conditions?.office_hours);
    const byId = await fga.readAuthorizationModel({ authorizationModelId: modelId });
    assert.equal(byId.authorization_model?.id, modelId);
    const models = await fga.readAuthorizationModels();
    assert.equal(models.authorization_models[0]?.id, modelId);
  });

  it('writes tuples and answers checks through groups, folders, wildcards and conditions', async () => {
    await fga.write({
      writes: [
        { user: 'user:anne', relation: 'member', object: 'group:eng' },
        { user: 'group:eng#member', relation: 'member', object: 'group:staff' },
        { user: 'group:staff#member', relation: 'viewer', object: 'folder:plans' },
        { user: 'folder:plans', relation: 'parent', object: 'document:roadmap' },
        { user: 'user:bob', relation: 'owner', object: 'document:roadmap' },
        { user: 'user:*', relation: 'viewer', object: 'document:handbook' },
        {
          user: 'user:carl',
          relation: 'viewer',
          object: 'document:payroll',
          condition: { name: 'office_hours', context: {} },
        },
      ],
    });
    const check = (user: string, relation: string, object: string, context?: object) =>
      fga.check({ user, relation, object, ...(context ? { context } : {}) });
    assert.equal((await check('user:anne', 'viewer', 'document:roadmap')).allowed, true);
    assert.equal((await check('user:bob', 'editor', 'document:roadmap')).allowed, true);
    assert.equal((await check('user:anne', 'editor', 'document:roadmap')).allowed, false);
    assert.equal((await check('user:zoe', 'viewer', 'document:handbook')).allowed, true);
    assert.equal((await check('user:carl', 'viewer', 'document:payroll', { hour: 10 })).allowed, true);
    assert.equal((await check('user:carl', 'viewer', 'document:payroll', { hour: 20 })).allowed, false);
    // Contextual tuples count for the one request only.
    const contextual = await fga.check({
      user: 'user:dan',
      relation: 'viewer',
      object: 'document:roadmap',
      contextualTuples: [{ user: 'user:dan', relation: 'member', object: 'group:eng' }],
    });
    assert.equal(contextual.allowed, true);
    assert.equal((await check('user:dan', 'viewer', 'document:roadmap')).allowed, false);
  });

  it('a delete is seen by the very next check', async () => {
    await fga.writeTuples([{ user: 'user:erin', relation: 'viewer', object: 'document:memo' }]);
    assert.equal(
      (await fga.check({ user: 'user:erin', relation: 'viewer', object: 'document:memo' })).allowed,
      true,
    );
    await fga.deleteTuples([{ user: 'user:erin', relation: 'viewer', object: 'document:memo' }]);
    assert.equal(
      (await fga.check({ user: 'user:erin', relation: 'viewer', object: 'document:memo' })).allowed,
      false,
    );
  });

  it('batch-checks under correlation ids, with per-item errors', async () => {
    const answer = await fga.batchCheck({
      checks: [
        { user: 'user:anne', relation: 'viewer', object: 'document:roadmap', correlationId: 'a' },
        { user: 'user:anne', relation: 'owner', object: 'document:roadmap', correlationId: 'b' },
        { user: 'user:carl', relation: 'viewer', object: 'document:payroll', correlationId: 'c' },
      ],
    });
    const byId = new Map(answer.result.map((item) => [item.correlationId, item]));
    assert.equal(byId.get('a')?.allowed, true);
    assert.equal(byId.get('b')?.allowed, false);
    // The condition's parameter is missing: an error for that item, never an allow.
    assert.equal(byId.get('c')?.allowed, false);
    assert.ok(byId.get('c')?.error, 'a check missing its condition parameter reports an error');
  });

  it('reads tuples by filter with pages, and the changes feed', async () => {
    const page = await fga.read({ object: 'group:eng' });
    assert.deepEqual(
      page.tuples.map((tuple) => tuple.key.user),
      ['user:anne'],
    );
    const first = await fga.read({}, { pageSize: 2 });
    assert.equal(first.tuples.length, 2);
    assert.ok(first.continuation_token);
    const second = await fga.read({}, { pageSize: 2, continuationToken: first.continuation_token });
    assert.notDeepEqual(second.tuples[0]?.key, first.tuples[0]?.key);
    const changes = await fga.readChanges({ type: 'document' });
    const operations = changes.changes.map((change) => `${change.operation} ${change.tuple_key.object}`);
    assert.ok(operations.includes('TUPLE_OPERATION_WRITE document:memo'));
    assert.ok(operations.includes('TUPLE_OPERATION_DELETE document:memo'));
    assert.ok(changes.continuation_token);
  });

  it('surfaces OpenFGA codes through the SDK’s error classes', async () => {
    const unknownType = await refusal(fga.check({ user: 'user:anne', relation: 'viewer', object: 'team:x' }));
    assert.ok(unknownType instanceof FgaApiValidationError);
    assert.equal(unknownType.apiErrorCode, 'validation_error');
    const duplicate = await refusal(
      fga.writeTuples([{ user: 'user:anne', relation: 'member', object: 'group:eng' }]),
    );
    assert.equal(duplicate.apiErrorCode, 'write_failed_due_to_invalid_input');
    const badTuple = await refusal(
      fga.writeTuples([{ user: 'folder:plans', relation: 'viewer', object: 'document:x' }]),
    );
    assert.equal(badTuple.apiErrorCode, 'invalid_tuple');
    const badModel = await refusal(
      fga.writeAuthorizationModel({
        schema_version: '1.1',
        type_definitions: [{ type: 'user', relations: { x: {} } }],
      } as never),
    );
    assert.ok(badModel instanceof FgaApiValidationError);
    assert.equal(badModel.apiErrorCode, 'invalid_authorization_model');
    // Writing the same tuple again is fine when the caller asks to ignore duplicates.
    await fga.writeTuples([{ user: 'user:anne', relation: 'member', object: 'group:eng' }], {
      conflict: { onDuplicateWrites: 'ignore' as never },
    });
  });

  it('another organization’s key finds neither the store nor its tuples', async () => {
    const other = await server.newOrg();
    const outsider = openFgaClient(server.apiUrl, other.key, storeId);
    const missing = await refusal(outsider.getStore());
    assert.ok(missing instanceof FgaApiNotFoundError);
    assert.equal(missing.apiErrorCode, 'store_id_not_found');
    const check = await refusal(
      outsider.check({ user: 'user:anne', relation: 'viewer', object: 'document:roadmap' }),
    );
    assert.equal(check.apiErrorCode, 'store_id_not_found');
    const stores = await openFgaClient(server.apiUrl, other.key).listStores();
    assert.ok(!stores.stores.some((store) => store.id === storeId));
  });

  it('a key without an fga scope is refused, and fga:check may query but not write', async () => {
    const readOnly = await server.newOrg(['fga:check']);
    const reader = openFgaClient(server.apiUrl, readOnly.key);
    const [store] = (await reader.listStores()).stores;
    assert.ok(store, 'the organization was created with a store');
    const scoped = openFgaClient(server.apiUrl, readOnly.key, store.id);
    const write = await refusal(
      scoped.writeAuthorizationModel({ schema_version: '1.1', type_definitions: [{ type: 'user' }] }),
    );
    assert.equal(write.statusCode, 403);
    const none = await server.newOrg(['orgs:read']);
    const refused = await refusal(openFgaClient(server.apiUrl, none.key).listStores());
    assert.equal(refused.statusCode, 403);
    const anonymous = await refusal(openFgaClient(server.apiUrl, 'sk_live_not_a_key').listStores());
    assert.ok(anonymous instanceof FgaApiAuthenticationError);
  });

  it('takes a modular model as module files (Keystone extension) and reads it back as OpenFGA JSON', async () => {
    const admin = openFgaClient(server.apiUrl, server.org.key);
    const store = await admin.createStore({ name: 'modular' });
    const res = await server.app.inject({
      method: 'POST',
      url: `/fga/stores/${store.id}/authorization-models`,
      headers: { authorization: `Bearer ${server.org.key}` },
      payload: {
        modules: [
          {
            name: 'core.fga',
            contents: 'module core\ntype user\ntype team\n  relations\n    define member: [user]\n',
          },
          {
            name: 'wiki.fga',
            contents: 'module wiki\ntype page\n  relations\n    define editor: [team#member]\n',
          },
        ],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const modular = openFgaClient(server.apiUrl, server.org.key, store.id);
    const model = await modular.readLatestAuthorizationModel();
    assert.equal(model.authorization_model?.schema_version, '1.2');
    await modular.writeTuples([
      { user: 'user:anne', relation: 'member', object: 'team:docs' },
      { user: 'team:docs#member', relation: 'editor', object: 'page:home' },
    ]);
    assert.equal(
      (await modular.check({ user: 'user:anne', relation: 'editor', object: 'page:home' })).allowed,
      true,
    );
    const broken = await server.app.inject({
      method: 'POST',
      url: `/fga/stores/${store.id}/authorization-models`,
      headers: { authorization: `Bearer ${server.org.key}` },
      payload: {
        modules: [
          { name: 'core.fga', contents: 'module core\ntype page\n  relations\n    define x: [nope]\n' },
        ],
      },
    });
    assert.equal(broken.statusCode, 400, broken.body);
    assert.equal(broken.json().code, 'invalid_authorization_model');
  });
});
