import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUserPrincipal } from '../../../identity/routes/require-user.ts';
import { createTokenDelivery, TOKEN_DELIVERY_HEADER } from '../../../identity/routes/token-delivery.ts';
import { clientContextOf } from '../../../identity/service/request-context.ts';
import { noQuery } from '../../routes/org-schemas.ts';
import type { InvitationService } from '../service/invitations.ts';
import {
  acceptAsNewUserAnswer,
  acceptAsNewUserBody,
  invitationPreview,
  membershipSchema,
  tokenBody,
} from './invitation-schemas.ts';
import { presentPreview } from './present.ts';

/**
 * What the holder of an invitation token does with it. The token travels in the
 * body, never in the path. The token routes are limited per client IP (each route
 * its own budget, KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE): tokens have 256 bits,
 * so this is about cost (sign-up hashes a password), not guessing.
 */
export function acceptanceRoutes(invitations: InvitationService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['organizations'];
    const acceptance = invitations.acceptance;
    const delivery = createTokenDelivery(invitations.identity.config);
    const perIp = { identifier: () => 'invitation-token' };

    app.post(
      '/v1/invitations/preview',
      {
        config: { access: 'public', rateLimit: perIp },
        schema: {
          tags,
          summary: 'What an invitation is for (organization, role, masked address, expiry), by its token',
          querystring: noQuery,
          body: tokenBody,
          response: { 200: invitationPreview },
        },
      },
      async (request) => presentPreview(await acceptance.preview(request.body.token)),
    );

    app.post(
      '/v1/invitations/accept',
      {
        config: { rateLimit: perIp },
        schema: {
          tags,
          summary: 'Accept an invitation as the signed-in user (whose address must be the invited one)',
          querystring: noQuery,
          body: tokenBody,
          response: { 200: membershipSchema },
        },
      },
      async (request) => {
        const { userId } = requireUserPrincipal(request);
        const joined = await acceptance.accept({
          token: request.body.token,
          userId,
          client: clientContextOf(request),
        });
        return { org_id: joined.orgId, role: joined.role };
      },
    );

    app.post(
      '/v1/invitations/sign-up',
      {
        config: { access: 'public', rateLimit: perIp },
        onRequest: delivery.checkHeader,
        schema: {
          tags,
          summary:
            'Accept as a new user: an account for the invited address (verified), the membership, and a session',
          description:
            'An address with an account answers invitation_account_exists: sign in, then POST /v1/invitations/accept. ' +
            `With ${TOKEN_DELIVERY_HEADER}: cookie the refresh token is set as an HttpOnly cookie instead of returned.`,
          querystring: noQuery,
          body: acceptAsNewUserBody,
          response: { 200: acceptAsNewUserAnswer },
        },
      },
      async (request, reply) => {
        const { token, password, name } = request.body;
        const { joined, signIn } = await acceptance.acceptAsNewUser({
          token,
          password,
          name,
          client: clientContextOf(request),
        });
        const answer = delivery.signIn(request, reply, signIn);
        return { ...answer, membership: { org_id: joined.orgId, role: joined.role } };
      },
    );
  };
}
