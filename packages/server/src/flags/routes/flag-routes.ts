import type { FlagDefinition } from '@keystone/flags';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit/index.ts';
import type { FlagService } from '../service/flag-service.ts';
import { flagDefinition } from './definition-schemas.ts';
import { requireFlagAdmin } from './flag-caller.ts';
import { decodeCursor, page, presentFlag } from './present.ts';
import {
  flagPage,
  flagParams,
  flagResponse,
  noContent,
  noQuery,
  pageQuery,
  staleList,
  staleQuery,
} from './schemas.ts';

/** Flags: create or replace the whole definition, read, list, archive; the stale-flag list. */
export function flagRoutes(flags: FlagService): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/v1/flags/:key',
      {
        schema: {
          tags: ['flags'],
          summary: 'Create a flag or replace its whole definition (every environment); a new version',
          params: flagParams,
          querystring: noQuery,
          body: flagDefinition,
          response: { 200: flagResponse, 201: flagResponse },
        },
      },
      async (request, reply) => {
        requireFlagAdmin(request);
        const outcome = await flags.putFlag(
          request.params.key,
          request.body as FlagDefinition,
          auditContextOf(request),
        );
        return reply
          .code(outcome.created ? 201 : 200)
          .send(presentFlag(outcome.flag, outcome.flagSetVersion));
      },
    );

    app.get(
      '/v1/flags/:key',
      {
        schema: {
          tags: ['flags'],
          summary: 'Read a flag’s current definition (archived flags too, with archived_at)',
          params: flagParams,
          querystring: noQuery,
          response: { 200: flagResponse },
        },
      },
      async (request) => {
        requireFlagAdmin(request);
        return presentFlag(await flags.getFlag(request.params.key));
      },
    );

    app.get(
      '/v1/flags',
      {
        schema: {
          tags: ['flags'],
          summary: 'List the live flags in key order, a page at a time',
          querystring: pageQuery,
          response: { 200: flagPage },
        },
      },
      async (request) => {
        requireFlagAdmin(request);
        const { limit, cursor } = request.query;
        const items = await flags.listFlags(limit + 1, decodeCursor(cursor, 'string'));
        const { shown, next_cursor } = page(items, limit, (flag) => flag.key);
        return { data: shown.map((flag) => presentFlag(flag)), next_cursor };
      },
    );

    app.delete(
      '/v1/flags/:key',
      {
        schema: {
          tags: ['flags'],
          summary:
            'Archive a flag: it leaves every flag set; its versions stay (refused while a flag depends on it)',
          params: flagParams,
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        requireFlagAdmin(request);
        await flags.archiveFlag(request.params.key, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/v1/flags/stale',
      {
        schema: {
          tags: ['flags'],
          summary: 'Flags to clean up, per environment: not evaluated in `days` days, or fully rolled out',
          querystring: staleQuery,
          response: { 200: staleList },
        },
      },
      async (request) => {
        requireFlagAdmin(request);
        const stale = await flags.staleFlags(request.query.days);
        return {
          data: stale.map((entry) => ({
            key: entry.key,
            environment: entry.environment,
            reason: entry.reason,
            last_evaluated_at: entry.lastEvaluatedAt?.toISOString() ?? null,
            variant: entry.variant,
          })),
        };
      },
    );
  };
}
