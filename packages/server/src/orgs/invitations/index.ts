import type { FastifyPluginAsync } from 'fastify';
import { acceptanceRoutes } from './routes/acceptance-routes.ts';
import { invitationRoutes } from './routes/invitation-routes.ts';
import type { InvitationService } from './service/invitations.ts';

export { createInvitationService, type InvitationService } from './service/invitations.ts';

/** The invitation routes: an organization's (admins) and the token holder's (preview, accept, sign-up). */
export function invitationsRoutes(invitations: InvitationService): FastifyPluginAsync {
  return async (app) => {
    await app.register(invitationRoutes(invitations));
    await app.register(acceptanceRoutes(invitations));
  };
}
