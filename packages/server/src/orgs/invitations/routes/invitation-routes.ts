import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit/index.ts';
import { noContent, noQuery, orgParams } from '../../routes/org-schemas.ts';
import { requireOrgPermission } from '../../service/org-access.ts';
import type { InvitationService } from '../service/invitations.ts';
import {
  createInvitationBody,
  invitationListQuery,
  invitationPage,
  invitationParams,
  invitationSchema,
  resendInvitationBody,
} from './invitation-schemas.ts';
import { presentInvitation } from './present.ts';

/**
 * An organization's invitations, as its admins manage them. Every route needs
 * members:invite: the list shows the addresses of people who are not members
 * (yet), which is for those who invite, not for every member who may view members.
 */
export function invitationRoutes(invitations: InvitationService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['organizations'];
    const admin = invitations.admin;

    app.post(
      '/v1/organizations/:orgId/invitations',
      {
        schema: {
          tags,
          summary:
            'Invite an address with a role (members:invite; mailed; re-inviting an address replaces its open invitation)',
          params: orgParams,
          querystring: noQuery,
          body: createInvitationBody,
          response: { 201: invitationSchema },
        },
      },
      async (request, reply) => {
        const access = await requireOrgPermission(request, request.params.orgId, 'members:invite');
        const { email, role, expires_in_seconds } = request.body;
        const view = await admin.create({
          access,
          email,
          role,
          expiresInSeconds: expires_in_seconds,
          audit: auditContextOf(request),
        });
        return reply.code(201).send(presentInvitation(view));
      },
    );

    app.get(
      '/v1/organizations/:orgId/invitations',
      {
        schema: {
          tags,
          summary:
            'Invitations, newest first, a page at a time; pending ones unless status says (members:invite)',
          params: orgParams,
          querystring: invitationListQuery,
          response: { 200: invitationPage },
        },
      },
      async (request) => {
        const { orgId } = request.params;
        await requireOrgPermission(request, orgId, 'members:invite');
        const page = await admin.list({ orgId, ...request.query });
        return { data: page.invitations.map(presentInvitation), next_cursor: page.nextCursor };
      },
    );

    app.delete(
      '/v1/organizations/:orgId/invitations/:invitationId',
      {
        schema: {
          tags,
          summary: 'Revoke an invitation: its link stops working (members:invite)',
          params: invitationParams,
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { orgId, invitationId } = request.params;
        const access = await requireOrgPermission(request, orgId, 'members:invite');
        await admin.revoke({ access, invitationId, audit: auditContextOf(request) });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/v1/organizations/:orgId/invitations/:invitationId/resend',
      {
        schema: {
          tags,
          summary:
            'Mail an open invitation again with a new link and expiry; the old link dies (members:invite)',
          params: invitationParams,
          querystring: noQuery,
          body: resendInvitationBody,
          response: { 200: invitationSchema },
        },
      },
      async (request) => {
        const { orgId, invitationId } = request.params;
        const access = await requireOrgPermission(request, orgId, 'members:invite');
        const view = await admin.resend({
          access,
          invitationId,
          expiresInSeconds: request.body?.expires_in_seconds,
          audit: auditContextOf(request),
        });
        return presentInvitation(view);
      },
    );
  };
}
