import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { IdentityService } from '../service/identity-service.ts';
import { clientContextOf } from '../service/request-context.ts';
import {
  acceptedAnswer,
  emailChangeBody,
  emailChangeConfirmBody,
  passwordChangeBody,
} from './email-flow-schemas.ts';
import { presentUser } from './present.ts';
import { requireUserPrincipal } from './require-user.ts';
import { noContent, noQuery, userSchema } from './schemas.ts';

/** The signed-in user's credentials: password change, email change. */
export function accountRoutes(identity: IdentityService): FastifyPluginAsyncZod {
  return async (app) => {
    // Password guesses from a stolen session are limited per IP + user (and per session by the platform).
    const perUser = { identifier: (request: FastifyRequest) => request.principal?.id };
    const emails = identity.emails;

    app.post(
      '/v1/me/password',
      {
        config: { rateLimit: perUser },
        schema: {
          tags: ['identity'],
          summary: 'Change the password (the current one is required); every other session of the user ends',
          querystring: noQuery,
          body: passwordChangeBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { userId, sessionId } = requireUserPrincipal(request);
        await emails.changePassword({
          userId,
          sessionId,
          currentPassword: request.body.current_password,
          newPassword: request.body.new_password,
          client: clientContextOf(request),
        });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/v1/me/email',
      {
        config: { rateLimit: perUser },
        schema: {
          tags: ['identity'],
          summary:
            'Ask to move the account to another address: a code and link go to it, a notice to the current one',
          description:
            'The answer is the same when the new address already has an account (that address gets a notice, not a code). ' +
            'password is required when the account has one; an account without one needs a recent sign-in.',
          querystring: noQuery,
          body: emailChangeBody,
          response: { 202: acceptedAnswer },
        },
      },
      async (request, reply) => {
        const { userId, sessionId } = requireUserPrincipal(request);
        const answer = await emails.requestEmailChange({
          userId,
          sessionId,
          newEmail: request.body.new_email,
          password: request.body.password,
          client: clientContextOf(request),
          log: request.log,
        });
        return reply.code(202).send(answer);
      },
    );

    app.post(
      '/v1/me/email/confirm',
      {
        config: { rateLimit: perUser },
        schema: {
          tags: ['identity'],
          summary: 'Confirm the new address with the code (or link token) mailed to it; it is then verified',
          querystring: noQuery,
          body: emailChangeConfirmBody,
          response: { 200: userSchema },
        },
      },
      async (request) => {
        const { userId } = requireUserPrincipal(request);
        const user = await emails.confirmEmailChange({
          userId,
          proof: request.body,
          client: clientContextOf(request),
        });
        return presentUser(user, await identity.mfaEnabled(userId));
      },
    );
  };
}
