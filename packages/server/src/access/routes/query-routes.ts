import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors/app-error.ts';
import type { TupleRecord } from '../engine/tuples.ts';
import type { AccessService } from '../service/access-service.ts';
import { fgaOrgOf } from './fga-caller.ts';
import { openFgaCodeOf } from './fga-errors.ts';
import {
  expandBody,
  expandResponse,
  listObjectsBody,
  listObjectsResponse,
  listUsersBody,
  listUsersResponse,
} from './fga-query-schemas.ts';
import { noQuery, storeParams } from './fga-wire-schemas.ts';

/** How long a list may take before it fails (explicitly: a list is complete or it is an error). */
export const LIST_DEADLINE_MS = 10_000;

/** The most objects or users one list answers; past it the answer is `result_limit_exceeded`, never a part. */
export const LIST_MAX_RESULTS = 100_000;

/** A failed query outcome as the problem the route answers (a storage failure keeps its details back). */
function queryFailure(outcome: { kind: Parameters<typeof openFgaCodeOf>[0]; message: string }): AppError {
  const code = openFgaCodeOf(outcome.kind);
  if (code === 'internal_error') return new AppError(code, { cause: new Error(outcome.message) });
  return new AppError(code, { detail: outcome.message });
}

const modelOf = (id: string | undefined) => (id ? { modelId: id } : {});

/** OpenFGA's Expand, ListObjects and ListUsers. */
export function queryRoutes(access: AccessService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/stores/:store_id/expand',
      {
        schema: {
          tags: ['fga'],
          summary: 'One level of the userset tree of object#relation (OpenFGA Expand)',
          params: storeParams,
          querystring: noQuery,
          body: expandBody,
          response: { 200: expandResponse },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'query');
        const { tuple_key, authorization_model_id, contextual_tuples } = request.body;
        const outcome = await access.expand(orgId, request.params.store_id, {
          ...tuple_key,
          ...(contextual_tuples ? { contextualTuples: contextual_tuples.tuple_keys as TupleRecord[] } : {}),
          ...modelOf(authorization_model_id),
        });
        if (!outcome.ok) throw queryFailure(outcome);
        return { tree: outcome.tree as unknown as { root: Record<string, unknown> } };
      },
    );

    app.post(
      '/stores/:store_id/list-objects',
      {
        schema: {
          tags: ['fga'],
          summary: `Every object of a type the user has a relation to, complete or an error, never cut off (OpenFGA ListObjects; at most ${LIST_MAX_RESULTS})`,
          params: storeParams,
          querystring: noQuery,
          body: listObjectsBody,
          response: { 200: listObjectsResponse },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'query');
        const { type, relation, user, contextual_tuples, context, authorization_model_id } = request.body;
        const outcome = await access.listObjects(
          orgId,
          request.params.store_id,
          {
            type,
            relation,
            user,
            ...(contextual_tuples ? { contextualTuples: contextual_tuples.tuple_keys as TupleRecord[] } : {}),
            ...(context ? { context } : {}),
            ...modelOf(authorization_model_id),
          },
          { signal: AbortSignal.timeout(LIST_DEADLINE_MS), maxResults: LIST_MAX_RESULTS },
        );
        if (!outcome.ok) throw queryFailure(outcome);
        return { objects: outcome.objects };
      },
    );

    app.post(
      '/stores/:store_id/list-users',
      {
        schema: {
          tags: ['fga'],
          summary:
            'Every user of the filter type related to the object, complete or an error (OpenFGA ListUsers)',
          params: storeParams,
          querystring: noQuery,
          body: listUsersBody,
          response: { 200: listUsersResponse },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'query');
        const { object, relation, user_filters, contextual_tuples, context, authorization_model_id } =
          request.body;
        const outcome = await access.listUsers(
          orgId,
          request.params.store_id,
          {
            object: `${object.type}:${object.id}`,
            relation,
            userFilters: user_filters,
            ...(contextual_tuples ? { contextualTuples: contextual_tuples as TupleRecord[] } : {}),
            ...(context ? { context } : {}),
            ...modelOf(authorization_model_id),
          },
          { signal: AbortSignal.timeout(LIST_DEADLINE_MS) },
        );
        if (!outcome.ok) throw queryFailure(outcome);
        return { users: outcome.users };
      },
    );
  };
}
