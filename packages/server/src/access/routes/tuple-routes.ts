import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TupleRecord } from '../engine/tuples.ts';
import type { AccessService } from '../service/access-service.ts';
import { fgaOrgOf } from './fga-caller.ts';
import { tupleKeyJson } from './fga-encoding.ts';
import {
  changesQuery,
  changesResponse,
  emptyObject,
  noQuery,
  readBody,
  readResponse,
  storeParams,
  writeBody,
} from './fga-wire-schemas.ts';

const OPERATIONS = { write: 'TUPLE_OPERATION_WRITE', delete: 'TUPLE_OPERATION_DELETE' } as const;

/** OpenFGA's Write, Read and ReadChanges. */
export function tupleRoutes(access: AccessService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/stores/:store_id/write',
      {
        schema: {
          tags: ['fga'],
          summary: 'Write and delete tuples, all or nothing, at most 100 (OpenFGA Write)',
          params: storeParams,
          querystring: noQuery,
          body: writeBody,
          response: { 200: emptyObject },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'change');
        const { writes, deletes, authorization_model_id } = request.body;
        await access.writeTuples(orgId, request.params.store_id, {
          writes: (writes?.tuple_keys ?? []) as TupleRecord[],
          deletes: deletes?.tuple_keys ?? [],
          ...(authorization_model_id ? { modelId: authorization_model_id } : {}),
          ...(writes?.on_duplicate ? { onDuplicate: writes.on_duplicate } : {}),
          ...(deletes?.on_missing ? { onMissing: deletes.on_missing } : {}),
        });
        return {};
      },
    );

    app.post(
      '/stores/:store_id/read',
      {
        schema: {
          tags: ['fga'],
          summary: 'Read the tuples matching a tuple-key filter, a page at a time (OpenFGA Read)',
          params: storeParams,
          querystring: noQuery,
          body: readBody,
          response: { 200: readResponse },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'query');
        const { tuple_key, page_size, continuation_token } = request.body;
        const page = await access.readTuples(orgId, request.params.store_id, {
          ...(tuple_key ? { tupleKey: tuple_key } : {}),
          ...(page_size ? { pageSize: page_size } : {}),
          ...(continuation_token ? { continuationToken: continuation_token } : {}),
        });
        return {
          tuples: page.tuples.map(({ tuple, timestamp }) => ({
            key: tupleKeyJson(tuple),
            timestamp: timestamp.toISOString(),
          })),
          continuation_token: page.continuationToken,
        };
      },
    );

    app.get(
      '/stores/:store_id/changes',
      {
        schema: {
          tags: ['fga'],
          summary:
            'The store’s tuple writes and deletes in order, from a continuation token (OpenFGA ReadChanges)',
          params: storeParams,
          querystring: changesQuery,
          response: { 200: changesResponse },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'query');
        const { type, page_size, continuation_token, start_time } = request.query;
        const page = await access.readChanges(orgId, request.params.store_id, {
          ...(type ? { type } : {}),
          ...(page_size ? { pageSize: page_size } : {}),
          ...(continuation_token ? { continuationToken: continuation_token } : {}),
          ...(start_time ? { startTime: new Date(start_time) } : {}),
        });
        return {
          changes: page.changes.map(({ tuple, operation, timestamp }) => ({
            tuple_key: tupleKeyJson(tuple),
            operation: OPERATIONS[operation],
            timestamp: timestamp.toISOString(),
          })),
          continuation_token: page.continuationToken,
        };
      },
    );
  };
}
