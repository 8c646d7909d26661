import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { IdentityService } from '../service/identity-service.ts';
import { clientContextOf } from '../service/request-context.ts';
import { presentSession, presentUser } from './present.ts';
import { requireUserPrincipal } from './require-user.ts';
import { noContent, noQuery, profilePatch, sessionList, sessionParams, userSchema } from './schemas.ts';

/** The signed-in user's own account and sessions. */
export function meRoutes(identity: IdentityService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/me',
      {
        schema: {
          tags: ['identity'],
          summary: 'The signed-in user',
          querystring: noQuery,
          response: { 200: userSchema },
        },
      },
      async (request) => {
        const { userId } = requireUserPrincipal(request);
        const user = await identity.requireUser(userId);
        return presentUser(user, await identity.mfaEnabled(userId));
      },
    );

    app.patch(
      '/v1/me',
      {
        schema: {
          tags: ['identity'],
          summary: 'Update the signed-in user’s profile',
          querystring: noQuery,
          body: profilePatch,
          response: { 200: userSchema },
        },
      },
      async (request) => {
        const { userId } = requireUserPrincipal(request);
        const user = await identity.updateProfile(userId, request.body);
        return presentUser(user, await identity.mfaEnabled(userId));
      },
    );

    app.get(
      '/v1/me/sessions',
      {
        schema: {
          tags: ['identity'],
          summary: 'The signed-in user’s live sessions, most recently active first',
          querystring: noQuery,
          response: { 200: sessionList },
        },
      },
      async (request) => {
        const { userId, sessionId } = requireUserPrincipal(request);
        const sessions = await identity.listSessions(userId);
        return { data: sessions.map((session) => presentSession(session, sessionId)) };
      },
    );

    app.delete(
      '/v1/me/sessions/:sessionId',
      {
        schema: {
          tags: ['identity'],
          summary: 'End one of the signed-in user’s sessions',
          params: sessionParams,
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { userId } = requireUserPrincipal(request);
        await identity.revokeSession({
          userId,
          sessionId: request.params.sessionId,
          client: clientContextOf(request),
        });
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/v1/me/sessions',
      {
        schema: {
          tags: ['identity'],
          summary: 'Sign out everywhere: end every session of the signed-in user, this one included',
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { userId } = requireUserPrincipal(request);
        await identity.signOutEverywhere({ userId, client: clientContextOf(request) });
        return reply.code(204).send(null);
      },
    );
  };
}
