import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { exportDocumentSchema } from '../../platform/gdpr/export-schema.ts';
import type { PersonalDataService } from '../../platform/gdpr/personal-data-service.ts';
import { noQuery, orgParams } from '../routes/org-schemas.ts';
import { requireOrgPermission } from '../service/org-access.ts';

/** Exporting an organization takes the trust erasing it does: org:delete (owners, operators). */
export const ORG_EXPORT_PERMISSION = 'org:delete';

/** GDPR for organizations: everything held about one, as JSON. Erasure is DELETE /v1/organizations/{orgId}. */
export function organizationExportRoutes(personalData: PersonalDataService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/organizations/:orgId/export',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Everything held about an organization, as one JSON document (needs org:delete: owners)',
          params: orgParams,
          querystring: noQuery,
          response: { 200: exportDocumentSchema },
        },
      },
      async (request, reply) => {
        const { orgId } = request.params;
        await requireOrgPermission(request, orgId, ORG_EXPORT_PERMISSION);
        const document = await personalData.exportOrganization(orgId);
        return reply.header('cache-control', 'no-store').send(document);
      },
    );
  };
}
