import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUserPrincipal } from '../../identity/routes/require-user.ts';
import { auditContextOf } from '../../platform/audit/index.ts';
import { requireOrgPermission } from '../service/org-access.ts';
import type { OrgsService } from '../service/orgs-service.ts';
import {
  addMemberBody,
  changeRoleBody,
  memberListQuery,
  memberPage,
  memberParams,
  memberSchema,
  myPermissions,
} from './member-schemas.ts';
import { emptyBody, noContent, noQuery, orgParams } from './org-schemas.ts';

const present = (m: {
  userId: string;
  email: string;
  name: string | null;
  role: string;
  joinedAt: Date;
}) => ({
  user_id: m.userId,
  email: m.email,
  name: m.name,
  role: m.role,
  joined_at: m.joinedAt.toISOString(),
});

/** Members of an organization: list and search, add (operators), change role, remove, leave, own permissions. */
export function memberRoutes(orgs: OrgsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['organizations'];

    app.get(
      '/v1/organizations/:orgId/members',
      {
        schema: {
          tags,
          summary: 'Members in join order, a page at a time; q searches email and name (members:view)',
          params: orgParams,
          querystring: memberListQuery,
          response: { 200: memberPage },
        },
      },
      async (request) => {
        const { orgId } = request.params;
        await requireOrgPermission(request, orgId, 'members:view');
        const page = await orgs.members.list({ orgId, ...request.query });
        return { data: page.members.map(present), next_cursor: page.nextCursor };
      },
    );

    app.post(
      '/v1/organizations/:orgId/members',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Add an existing user with a role (operators; members usually join by invitation)',
          params: orgParams,
          querystring: noQuery,
          body: addMemberBody,
          response: { 201: memberSchema },
        },
      },
      async (request, reply) => {
        const { orgId } = request.params;
        await requireOrgPermission(request, orgId, 'members:invite');
        const row = await orgs.members.add({
          orgId,
          userId: request.body.user_id,
          role: request.body.role,
          audit: auditContextOf(request),
        });
        const [profile] = await orgs.identity.publicProfiles([row.user_id]);
        return reply.code(201).send(
          present({
            userId: row.user_id,
            email: profile?.email ?? '',
            name: profile?.name ?? null,
            role: row.role_key,
            joinedAt: row.created_at,
          }),
        );
      },
    );

    app.get(
      '/v1/organizations/:orgId/members/me/permissions',
      {
        schema: {
          tags,
          summary: 'Your role and permissions here (open even when the org’s MFA requirement holds you back)',
          params: orgParams,
          querystring: noQuery,
          response: { 200: myPermissions },
        },
      },
      async (request) => {
        const access = await orgs.access.resolve(request.principal, request.params.orgId, {
          allowWithoutMfa: true,
        });
        return { role: access.role, permissions: access.permissions };
      },
    );

    app.post(
      '/v1/organizations/:orgId/members/me/leave',
      {
        schema: {
          tags,
          summary: 'Leave the organization (not as its last owner)',
          params: orgParams,
          querystring: noQuery,
          body: emptyBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { userId } = requireUserPrincipal(request);
        const { orgId } = request.params;
        await orgs.access.resolve(request.principal, orgId, { allowWithoutMfa: true });
        await orgs.members.leave({ orgId, userId, audit: auditContextOf(request) });
        return reply.code(204).send(null);
      },
    );

    app.patch(
      '/v1/organizations/:orgId/members/:userId',
      {
        schema: {
          tags,
          summary:
            'Change a member’s role (roles:manage; owners only for the owner role; never the last owner)',
          params: memberParams,
          querystring: noQuery,
          body: changeRoleBody,
          response: { 200: memberSchema },
        },
      },
      async (request) => {
        const { orgId, userId } = request.params;
        const access = await requireOrgPermission(request, orgId, 'roles:manage');
        const row = await orgs.members.changeRole({
          access,
          userId,
          role: request.body.role,
          audit: auditContextOf(request),
        });
        const [profile] = await orgs.identity.publicProfiles([userId]);
        return present({
          userId,
          email: profile?.email ?? '',
          name: profile?.name ?? null,
          role: row.role_key,
          joinedAt: row.created_at,
        });
      },
    );

    app.delete(
      '/v1/organizations/:orgId/members/:userId',
      {
        schema: {
          tags,
          summary: 'Remove a member (members:remove; owners only for an owner; never the last owner)',
          params: memberParams,
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { orgId, userId } = request.params;
        const access = await requireOrgPermission(request, orgId, 'members:remove');
        await orgs.members.remove({ access, userId, audit: auditContextOf(request) });
        return reply.code(204).send(null);
      },
    );
  };
}
