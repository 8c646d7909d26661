import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentUser } from '../../identity/routes/present.ts';
import { signedIn } from '../../identity/routes/schemas.ts';
import { auditContextOf } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { OrgsService } from '../service/orgs-service.ts';
import { noQuery, orgIdSchema } from './org-schemas.ts';

const activeOrganizationBody = z.strictObject({
  org_id: orgIdSchema.nullable().describe('An organization you belong to; null for none'),
});

/** Switching the session's active organization: a new access token naming it (refresh token unchanged). */
export function activeOrganizationRoutes(orgs: OrgsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/me/active-organization',
      {
        schema: {
          tags: ['organizations'],
          summary:
            'Make an organization the session’s active one: a new access token with org_id and org_role',
          description:
            'The refresh token is unchanged (none is returned); refreshing keeps the active organization and ' +
            'resolves the role again. Routes act on the organization in their URL; the claim is only a default.',
          querystring: noQuery,
          body: activeOrganizationBody,
          response: { 200: signedIn },
        },
      },
      async (request) => {
        const principal = request.principal;
        if (principal?.kind !== 'user') {
          throw new AppError('forbidden', { detail: 'This route needs a signed-in user (an access token)' });
        }
        const answer = await orgs.activeOrganization.switch({
          principal,
          orgId: request.body.org_id,
          audit: auditContextOf(request),
        });
        return {
          status: 'signed_in' as const,
          token_type: 'Bearer' as const,
          access_token: answer.accessToken,
          expires_in: answer.expiresIn,
          session_id: answer.session.id,
          user: presentUser(answer.user, await orgs.identity.mfaEnabled(answer.user.id)),
        };
      },
    );
  };
}
