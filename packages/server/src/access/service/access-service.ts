/**
 * Access control for one instance: an organization's stores, its immutable models, its tuples, and
 * checks resolved by the engine over the SQL store. Every call runs in one tenant transaction; checks
 * read tuples afresh (no tuple cache), so a check after an acknowledged delete never sees the tuple.
 * A check costs two statements: the store and model id (check-model-id.ts), then its closure.
 */
import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Database } from '../../platform/db/database.ts';
import { type TenantScope, withTenant } from '../../platform/db/tenant-scope.ts';
import { type CheckOptions, type CheckOutcome, type CheckRequest, check } from '../engine/check.ts';
import { EngineError } from '../engine/engine-error.ts';
import { type ExpandOutcome, type ExpandRequest, expand } from '../engine/expand.ts';
import {
  type ListObjectsOptions,
  type ListObjectsOutcome,
  type ListObjectsRequest,
  listObjects,
} from '../engine/list-objects.ts';
import {
  type ListUsersOptions,
  type ListUsersOutcome,
  type ListUsersRequest,
  listUsers,
} from '../engine/list-users.ts';
import { compileModel, modelJsonFromDsl } from '../engine/model-compiler.ts';
import type { AuthorizationModelJson, CompiledModel } from '../engine/model-types.ts';
import { checkModelId } from '../store/check-model-id.ts';
import { SqlTupleReader } from '../store/sql-tuple-reader.ts';
import * as records from '../store/store-records.ts';
import { AccessError } from './access-error.ts';
import { CompiledModelCache } from './model-cache.ts';
import { createStoreInScope } from './org-default-store.ts';
import { eraseTuples, type TupleErasure } from './tuple-erasure.ts';
import {
  type ChangesPage,
  type ReadChangesRequest,
  type ReadPage,
  type ReadRequest,
  readChanges,
  readTuples,
} from './tuple-read-requests.ts';
import { type TupleWrite, writeTuplesInScope } from './tuple-writes.ts';

export type { TupleWrite } from './tuple-writes.ts';

export interface AccessCheck extends CheckRequest {
  /** The model to check against; the store's latest when omitted. */
  readonly modelId?: string;
}

/** A query against a model: the store's latest unless `modelId` names one. */
export type OnModel<Request> = Request & { readonly modelId?: string };

export type AccessService = ReturnType<typeof createAccessService>;

export function createAccessService(deps: { database: Database }) {
  const { database } = deps;
  const models = new CompiledModelCache();

  /** The compiled model to use (cached by id), or AccessError when the store or model is missing. */
  async function modelFor(
    scope: TenantScope,
    storeId: string,
    modelId?: string,
    resolveModelId = records.resolveModelId,
  ): Promise<{ id: string; model: CompiledModel }> {
    const resolved = await resolveModelId(scope, storeId, modelId);
    if (!resolved) throw new AccessError('store_id_not_found', `store '${storeId}' not found`);
    const id = resolved.modelId;
    if (id === null) {
      throw modelId === undefined
        ? new AccessError('latest_authorization_model_not_found', `store '${storeId}' has no model yet`)
        : new AccessError('authorization_model_not_found', `model '${modelId}' not found`);
    }
    const cached = models.get(scope.orgId, storeId, id);
    if (cached) return { id, model: cached };
    const record = await records.findModel(scope, storeId, id);
    if (!record) throw new AccessError('authorization_model_not_found', `model '${id}' not found`);
    const model = compileModel(record.model);
    models.set(scope.orgId, storeId, id, model);
    return { id, model };
  }

  async function liveStore(scope: TenantScope, storeId: string): Promise<records.StoreRecord> {
    const store = await records.findStore(scope, storeId);
    if (!store) throw new AccessError('store_id_not_found', `store '${storeId}' not found`);
    return store;
  }

  return {
    createStore(orgId: string, name: string, audit: RequestAuditContext): Promise<records.StoreRecord> {
      return withTenant(database, orgId, (scope) => createStoreInScope(scope, name, audit));
    },

    listStores(orgId: string, page: { limit?: number; after?: string } = {}): Promise<records.StoreRecord[]> {
      return withTenant(database, orgId, (scope) => records.listStores(scope, page.limit ?? 50, page.after));
    },

    getStore(orgId: string, storeId: string): Promise<records.StoreRecord> {
      return withTenant(database, orgId, (scope) => liveStore(scope, storeId));
    },

    async deleteStore(orgId: string, storeId: string, audit: RequestAuditContext): Promise<void> {
      await withTenant(database, orgId, async (scope) => {
        if (!(await records.markStoreDeleted(scope, storeId, new Date()))) {
          throw new AccessError('store_id_not_found', `store '${storeId}' not found`);
        }
        await appendAuditEntry(scope, {
          ...audit,
          action: 'access_store.deleted',
          target: { type: 'access_store', id: storeId },
        });
      });
    },

    /** Validates and compiles a model (DSL text or OpenFGA JSON), then stores its JSON; returns its id. */
    async writeModel(
      orgId: string,
      storeId: string,
      model: string | AuthorizationModelJson,
      audit: RequestAuditContext,
    ): Promise<string> {
      let json: AuthorizationModelJson;
      let compiled: CompiledModel;
      try {
        // Only the model's own fields are stored (a request body may carry others, such as an id).
        json =
          typeof model === 'string'
            ? modelJsonFromDsl(model)
            : {
                schema_version: model.schema_version,
                type_definitions: model.type_definitions,
                ...(model.conditions ? { conditions: model.conditions } : {}),
              };
        compiled = compileModel(json);
      } catch (error) {
        if (error instanceof EngineError) throw new AccessError('invalid_authorization_model', error.message);
        throw error;
      }
      const record = await withTenant(database, orgId, async (scope) => {
        await liveStore(scope, storeId);
        const inserted = await records.insertModel(scope, storeId, json);
        await appendAuditEntry(scope, {
          ...audit,
          action: 'authorization_model.written',
          target: { type: 'authorization_model', id: inserted.id },
          metadata: { store_id: storeId, schema_version: json.schema_version },
        });
        return inserted;
      });
      models.set(orgId, storeId, record.id, compiled);
      return record.id;
    },

    /** A model by id, or the store's latest. */
    readModel(orgId: string, storeId: string, modelId?: string): Promise<records.ModelRecord> {
      return withTenant(database, orgId, async (scope) => {
        await liveStore(scope, storeId);
        const record = await records.findModel(scope, storeId, modelId);
        if (record) return record;
        throw modelId === undefined
          ? new AccessError('latest_authorization_model_not_found', `store '${storeId}' has no model yet`)
          : new AccessError('authorization_model_not_found', `model '${modelId}' not found`);
      });
    },

    listModels(
      orgId: string,
      storeId: string,
      page: { limit?: number; before?: string } = {},
    ): Promise<records.ModelRecord[]> {
      return withTenant(database, orgId, async (scope) => {
        await liveStore(scope, storeId);
        return records.listModels(scope, storeId, page.limit ?? 50, page.before);
      });
    },

    /**
     * Writes and deletes tuples in one transaction, all or nothing: every write is validated against
     * the model, and one bad, duplicate, existing (write) or missing (delete) tuple refuses the batch.
     */
    writeTuples(orgId: string, storeId: string, request: TupleWrite): Promise<{ modelId: string }> {
      return withTenant(database, orgId, async (scope) => {
        const { id, model } = await modelFor(scope, storeId, request.modelId);
        await writeTuplesInScope(scope, storeId, model, request);
        return { modelId: id };
      });
    },

    /** OpenFGA's Read: the store's tuples matching a tuple-key filter, a page at a time. */
    readTuples(orgId: string, storeId: string, request: ReadRequest = {}): Promise<ReadPage> {
      return withTenant(database, orgId, async (scope) => {
        await liveStore(scope, storeId);
        return readTuples(scope, storeId, request);
      });
    },

    /** OpenFGA's ReadChanges: the store's writes and deletes in order, from a continuation token. */
    readChanges(orgId: string, storeId: string, request: ReadChangesRequest = {}): Promise<ChangesPage> {
      return withTenant(database, orgId, async (scope) => {
        await liveStore(scope, storeId);
        return readChanges(scope, storeId, request);
      });
    },

    /** Resolves one check over the store's tuples as committed now (plus the request's contextual ones). */
    check(
      orgId: string,
      storeId: string,
      request: AccessCheck,
      options: CheckOptions = {},
    ): Promise<CheckOutcome & { modelId: string }> {
      return withTenant(database, orgId, async (scope) => {
        const { id, model } = await modelFor(scope, storeId, request.modelId, checkModelId);
        const outcome = await check(model, new SqlTupleReader(scope, storeId), request, options);
        return { ...outcome, modelId: id };
      });
    },

    /** OpenFGA's ListObjects, complete: every object, or a failure (deadline, limit), never a part. */
    listObjects(
      orgId: string,
      storeId: string,
      request: OnModel<ListObjectsRequest>,
      options: ListObjectsOptions = {},
    ): Promise<ListObjectsOutcome & { modelId: string }> {
      return withTenant(database, orgId, async (scope) => {
        const { id, model } = await modelFor(scope, storeId, request.modelId);
        const outcome = await listObjects(model, new SqlTupleReader(scope, storeId), request, options);
        return { ...outcome, modelId: id };
      });
    },

    /** OpenFGA's ListUsers, complete: every user of the filter's type, or a failure, never a part. */
    listUsers(
      orgId: string,
      storeId: string,
      request: OnModel<ListUsersRequest>,
      options: ListUsersOptions = {},
    ): Promise<ListUsersOutcome & { modelId: string }> {
      return withTenant(database, orgId, async (scope) => {
        const { id, model } = await modelFor(scope, storeId, request.modelId);
        const outcome = await listUsers(model, new SqlTupleReader(scope, storeId), request, options);
        return { ...outcome, modelId: id };
      });
    },

    /** OpenFGA's Expand: one level of `object#relation`'s userset tree, in OpenFGA's JSON shape. */
    expand(
      orgId: string,
      storeId: string,
      request: OnModel<ExpandRequest>,
    ): Promise<ExpandOutcome & { modelId: string }> {
      return withTenant(database, orgId, async (scope) => {
        const { id, model } = await modelFor(scope, storeId, request.modelId);
        const outcome = await expand(model, new SqlTupleReader(scope, storeId), request);
        return { ...outcome, modelId: id };
      });
    },

    /** Deletes every tuple of one user or one object (tuple-erasure.ts), audited; returns the count. */
    eraseTuples(
      orgId: string,
      storeId: string,
      erasure: TupleErasure,
      audit: RequestAuditContext,
    ): Promise<number> {
      return eraseTuples(database, orgId, storeId, erasure, audit);
    },

    /**
     * Several checks against one model in one transaction (OpenFGA's BatchCheck): each has its own
     * outcome; a missing store or model refuses the whole batch.
     */
    batchCheck(
      orgId: string,
      storeId: string,
      requests: readonly AccessCheck[],
      options: CheckOptions = {},
    ): Promise<CheckOutcome[]> {
      return withTenant(database, orgId, async (scope) => {
        const { model } = await modelFor(scope, storeId, requests[0]?.modelId, checkModelId);
        const reader = new SqlTupleReader(scope, storeId);
        const outcomes: CheckOutcome[] = [];
        // One after another: a tenant transaction holds one connection.
        for (const request of requests) outcomes.push(await check(model, reader, request, options));
        return outcomes;
      });
    },
  };
}
