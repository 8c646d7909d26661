import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit/index.ts';
import { requireOrgPermission } from '../service/org-access.ts';
import type { OrgsService } from '../service/orgs-service.ts';
import type { RoleView } from '../service/roles.ts';
import {
  appPermissionList,
  appPermissionSchema,
  createAppPermissionBody,
  createRoleBody,
  roleList,
  roleParams,
  roleSchema,
  updateRoleBody,
} from './member-schemas.ts';
import { noContent, noQuery, orgParams } from './org-schemas.ts';

const present = (role: RoleView) => ({
  key: role.key,
  name: role.name,
  description: role.description,
  permissions: role.permissions,
  built_in: role.builtIn,
});

/** Roles of an organization (built-in and custom) and the instance's application permissions. */
export function roleRoutes(orgs: OrgsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['organizations'];

    app.get(
      '/v1/organizations/:orgId/roles',
      {
        schema: {
          tags,
          summary: 'Built-in and custom roles with their permissions (org:read)',
          params: orgParams,
          querystring: noQuery,
          response: { 200: roleList },
        },
      },
      async (request) => {
        const { orgId } = request.params;
        await requireOrgPermission(request, orgId, 'org:read');
        return { data: (await orgs.roles.list(orgId)).map(present) };
      },
    );

    app.post(
      '/v1/organizations/:orgId/roles',
      {
        schema: {
          tags,
          summary: 'Create a custom role from known permissions you hold yourself (roles:manage)',
          params: orgParams,
          querystring: noQuery,
          body: createRoleBody,
          response: { 201: roleSchema },
        },
      },
      async (request, reply) => {
        const access = await requireOrgPermission(request, request.params.orgId, 'roles:manage');
        const { description, ...rest } = request.body;
        const role = await orgs.roles.create({
          access,
          role: { ...rest, description: description ?? null },
          audit: auditContextOf(request),
        });
        return reply.code(201).send(present(role));
      },
    );

    app.patch(
      '/v1/organizations/:orgId/roles/:key',
      {
        schema: {
          tags,
          summary: 'Change a custom role (roles:manage); members with it get the new permissions at once',
          params: roleParams,
          querystring: noQuery,
          body: updateRoleBody,
          response: { 200: roleSchema },
        },
      },
      async (request) => {
        const access = await requireOrgPermission(request, request.params.orgId, 'roles:manage');
        const role = await orgs.roles.update({
          access,
          key: request.params.key,
          changes: request.body,
          audit: auditContextOf(request),
        });
        return present(role);
      },
    );

    app.delete(
      '/v1/organizations/:orgId/roles/:key',
      {
        schema: {
          tags,
          summary: 'Delete a custom role no member has (roles:manage)',
          params: roleParams,
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        const access = await requireOrgPermission(request, request.params.orgId, 'roles:manage');
        await orgs.roles.delete({ access, key: request.params.key, audit: auditContextOf(request) });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/v1/app-permissions',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'The application permissions the instance declares (operators)',
          querystring: noQuery,
          response: { 200: appPermissionList },
        },
      },
      async () => ({
        data: (await orgs.appPermissions.list()).map((row) => ({
          key: row.key,
          description: row.description,
          created_at: row.created_at.toISOString(),
        })),
      }),
    );

    app.post(
      '/v1/app-permissions',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Declare an application permission (e.g. projects:create) for custom roles (operators)',
          querystring: noQuery,
          body: createAppPermissionBody,
          response: { 201: appPermissionSchema },
        },
      },
      async (request, reply) => {
        const row = await orgs.appPermissions.declare({
          key: request.body.key,
          description: request.body.description ?? null,
          audit: auditContextOf(request),
        });
        return reply
          .code(201)
          .send({ key: row.key, description: row.description, created_at: row.created_at.toISOString() });
      },
    );
  };
}
