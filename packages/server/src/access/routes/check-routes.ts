import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import type { TupleRecord } from '../engine/tuples.ts';
import type { AccessCheck, AccessService } from '../service/access-service.ts';
import { fgaOrgOf } from './fga-caller.ts';
import { checkFailure, openFgaCodeOf } from './fga-errors.ts';
import {
  batchCheckBody,
  batchCheckResponse,
  checkBody,
  checkResponse,
  noQuery,
  storeParams,
} from './fga-wire-schemas.ts';

/** OpenFGA's default request deadline: a check not decided by then fails (never allows). */
export const CHECK_DEADLINE_MS = 3_000;

type CheckItem = Pick<z.infer<typeof checkBody>, 'tuple_key' | 'contextual_tuples' | 'context'>;

function accessCheck(item: CheckItem, modelId: string | undefined): AccessCheck {
  return {
    ...item.tuple_key,
    ...(item.contextual_tuples
      ? { contextualTuples: item.contextual_tuples.tuple_keys as TupleRecord[] }
      : {}),
    ...(item.context ? { context: item.context } : {}),
    ...(modelId ? { modelId } : {}),
  };
}

/** OpenFGA's Check and BatchCheck. */
export function checkRoutes(access: AccessService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/stores/:store_id/check',
      {
        schema: {
          tags: ['fga'],
          summary: 'Is the user related to the object? (OpenFGA Check; fails closed on any error)',
          params: storeParams,
          querystring: noQuery,
          body: checkBody,
          response: { 200: checkResponse },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'query');
        const outcome = await access.check(
          orgId,
          request.params.store_id,
          accessCheck(request.body, request.body.authorization_model_id),
          { signal: AbortSignal.timeout(CHECK_DEADLINE_MS) },
        );
        if (outcome.decision === 'error') throw checkFailure(outcome);
        return { allowed: outcome.decision === 'allow', resolution: '' };
      },
    );

    app.post(
      '/stores/:store_id/batch-check',
      {
        schema: {
          tags: ['fga'],
          summary: 'Several checks, each answered under its correlation id (OpenFGA BatchCheck)',
          params: storeParams,
          querystring: noQuery,
          body: batchCheckBody,
          response: { 200: batchCheckResponse },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'query');
        const { checks, authorization_model_id } = request.body;
        const ids = new Set(checks.map((item) => item.correlation_id));
        if (ids.size !== checks.length) {
          throw new AppError('validation_error', { detail: 'correlation_id must be unique in a batch' });
        }
        const signal = AbortSignal.timeout(CHECK_DEADLINE_MS);
        const outcomes = await access.batchCheck(
          orgId,
          request.params.store_id,
          checks.map((item) => accessCheck(item, authorization_model_id)),
          { signal },
        );
        const result: z.infer<typeof batchCheckResponse>['result'] = {};
        for (const [index, outcome] of outcomes.entries()) {
          const id = checks[index]?.correlation_id as string;
          if (outcome.decision !== 'error') {
            result[id] = { allowed: outcome.decision === 'allow' };
            continue;
          }
          const code = openFgaCodeOf(outcome.kind);
          const internal = code === 'internal_error' || code === 'deadline_exceeded';
          result[id] = {
            allowed: false,
            error: {
              ...(internal ? { internal_error: code } : { input_error: code }),
              message: code === 'internal_error' ? 'internal error' : outcome.message,
            },
          };
        }
        return { result };
      },
    );
  };
}
