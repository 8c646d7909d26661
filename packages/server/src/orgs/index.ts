import type { FastifyPluginAsync } from 'fastify';
import { activeOrganizationRoutes } from './routes/active-organization-routes.ts';
import { memberRoutes } from './routes/member-routes.ts';
import { organizationRoutes } from './routes/organization-routes.ts';
import { roleRoutes } from './routes/role-routes.ts';
import type { OrgsService } from './service/orgs-service.ts';

export { organizationExportRoutes } from './gdpr/organization-export-routes.ts';
export { type OrgAccess, requireOrgPermission } from './service/org-access.ts';
export { createOrgsService, type OrgsDeps, type OrgsService } from './service/orgs-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The organizations service (its `access` is the guard every org route uses). */
    orgs: OrgsService;
  }
}

/** The organizations module's routes. buildApp creates the service, decorates the app with it, then registers these. */
export function orgsRoutes(orgs: OrgsService): FastifyPluginAsync {
  return async (app) => {
    await app.register(organizationRoutes(orgs));
    await app.register(activeOrganizationRoutes(orgs));
    await app.register(memberRoutes(orgs));
    await app.register(roleRoutes(orgs));
  };
}
