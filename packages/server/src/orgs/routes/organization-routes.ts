import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUserPrincipal } from '../../identity/routes/require-user.ts';
import { auditContextOf } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { requireOrgPermission } from '../service/org-access.ts';
import type { OrgsService } from '../service/orgs-service.ts';
import {
  createOrganizationBody,
  myOrganizationsSchema,
  noContent,
  noQuery,
  organizationSchema,
  orgParams,
  updateOrganizationBody,
} from './org-schemas.ts';
import { presentOrganization } from './present.ts';

const PRIVATE_READER = 'org:settings:edit';

/** Organizations: create, read, update, delete; the signed-in user's own list. */
export function organizationRoutes(orgs: OrgsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['organizations'];

    app.post(
      '/v1/organizations',
      {
        schema: {
          tags,
          summary: 'Create an organization; the signed-in user becomes its owner',
          querystring: noQuery,
          body: createOrganizationBody,
          response: { 201: organizationSchema },
        },
      },
      async (request, reply) => {
        const { userId } = requireUserPrincipal(request);
        const org = await orgs.organizations.create({
          userId,
          fields: request.body,
          audit: auditContextOf(request),
        });
        return reply.code(201).send({ ...presentOrganization(org, { showPrivate: true }), role: 'owner' });
      },
    );

    app.get(
      '/v1/me/organizations',
      {
        schema: {
          tags,
          summary: 'The organizations the signed-in user belongs to, with their role in each',
          querystring: noQuery,
          response: { 200: myOrganizationsSchema },
        },
      },
      async (request) => {
        const { userId } = requireUserPrincipal(request);
        const memberships = await orgs.organizations.listMine(userId);
        return {
          data: memberships.map((m) => ({
            ...presentOrganization(m.organization, { showPrivate: false }),
            role: m.roleKey,
            joined_at: m.joinedAt.toISOString(),
          })),
        };
      },
    );

    app.get(
      '/v1/organizations/:orgId',
      {
        schema: {
          tags,
          summary: 'An organization (needs org:read; private_metadata needs org:settings:edit)',
          params: orgParams,
          querystring: noQuery,
          response: { 200: organizationSchema },
        },
      },
      async (request) => {
        const access = await requireOrgPermission(request, request.params.orgId, 'org:read');
        const showPrivate = access.permissions.includes(PRIVATE_READER);
        return { ...presentOrganization(access.organization, { showPrivate }), role: access.role };
      },
    );

    app.patch(
      '/v1/organizations/:orgId',
      {
        schema: {
          tags,
          summary: 'Change an organization’s name, slug, branding, settings, metadata or MFA requirement',
          description: 'Needs org:settings:edit. Objects (branding, settings, metadata) are replaced whole.',
          params: orgParams,
          querystring: noQuery,
          body: updateOrganizationBody,
          response: { 200: organizationSchema },
        },
      },
      async (request) => {
        const { orgId } = request.params;
        const access = await requireOrgPermission(request, orgId, 'org:settings:edit');
        const principal = access.principal;
        // Requiring MFA from a session without it would lock the caller out of their own organization.
        if (request.body.require_mfa && principal.kind === 'user' && !principal.authMethods.includes('mfa')) {
          throw new AppError('mfa_enrollment_required', {
            detail: 'Sign in with a second factor before requiring one of every member',
          });
        }
        const org = await orgs.organizations.update({
          orgId,
          changes: request.body,
          audit: auditContextOf(request),
        });
        return { ...presentOrganization(org, { showPrivate: true }), role: access.role };
      },
    );

    app.delete(
      '/v1/organizations/:orgId',
      {
        schema: {
          tags,
          summary: 'Delete an organization and everything it owns (needs org:delete: owners)',
          params: orgParams,
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { orgId } = request.params;
        await requireOrgPermission(request, orgId, 'org:delete');
        await orgs.organizations.delete({ orgId, audit: auditContextOf(request) });
        return reply.code(204).send(null);
      },
    );
  };
}
