import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit/index.ts';
import type { FlagService } from '../service/flag-service.ts';
import { requireFlagAdmin } from './flag-caller.ts';
import { decodeCursor, page, presentFlag, presentFlagVersion } from './present.ts';
import {
  flagParams,
  flagResponse,
  flagVersionPage,
  killBody,
  noQuery,
  pageQuery,
  rollbackBody,
} from './schemas.ts';

/** A flag's history, rollback to any version, and the kill switch. */
export function flagVersionRoutes(flags: FlagService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/flags/:key/versions',
      {
        schema: {
          tags: ['flags'],
          summary: 'A flag’s versions, newest first: the definition, who, when and what changed',
          params: flagParams,
          querystring: pageQuery,
          response: { 200: flagVersionPage },
        },
      },
      async (request) => {
        requireFlagAdmin(request);
        const { limit, cursor } = request.query;
        const items = await flags.listFlagVersions(
          request.params.key,
          limit + 1,
          decodeCursor(cursor, 'number'),
        );
        const { shown, next_cursor } = page(items, limit, (version) => version.version);
        return { data: shown.map(presentFlagVersion), next_cursor };
      },
    );

    app.post(
      '/v1/flags/:key/rollback',
      {
        schema: {
          tags: ['flags'],
          summary: 'Make a version’s definition current again, as a new version (validated as a PUT)',
          params: flagParams,
          querystring: noQuery,
          body: rollbackBody,
          response: { 200: flagResponse },
        },
      },
      async (request) => {
        requireFlagAdmin(request);
        const outcome = await flags.rollbackFlag(
          request.params.key,
          request.body.version,
          auditContextOf(request),
        );
        return presentFlag(outcome.flag, outcome.flagSetVersion);
      },
    );

    app.post(
      '/v1/flags/:key/kill',
      {
        schema: {
          tags: ['flags'],
          summary:
            'Turn a flag off in one environment at once (every process and SDK serves its off variant)',
          params: flagParams,
          querystring: noQuery,
          body: killBody,
          response: { 200: flagResponse },
        },
      },
      async (request) => {
        requireFlagAdmin(request);
        const outcome = await flags.killFlag(
          request.params.key,
          request.body.environment,
          auditContextOf(request),
        );
        return presentFlag(outcome.flag, outcome.flagSetVersion);
      },
    );
  };
}
