import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit/index.ts';
import type { AccessService } from '../service/access-service.ts';
import { fgaOrgOf } from './fga-caller.ts';
import { eraseBody, eraseResponse, noQuery, storeParams } from './fga-wire-schemas.ts';

/**
 * Keystone's extension to the OpenFGA API: erase every tuple of one user or one object in one call
 * (a person leaving, a record destroyed), audited as one entry with the count.
 */
export function erasureRoutes(access: AccessService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/stores/:store_id/erase',
      {
        schema: {
          tags: ['fga'],
          summary: 'Delete every tuple of one user or one object, in one transaction (Keystone extension)',
          params: storeParams,
          querystring: noQuery,
          body: eraseBody,
          response: { 200: eraseResponse },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'change');
        const body = request.body;
        const erasure = 'user' in body ? { user: body.user } : { object: body.object };
        const deleted = await access.eraseTuples(
          orgId,
          request.params.store_id,
          erasure,
          auditContextOf(request),
        );
        return { deleted };
      },
    );
  };
}
