import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bodyField } from '../../platform/rate-limit/layers.ts';
import type { IdentityService } from '../service/identity-service.ts';
import { clientContextOf } from '../service/request-context.ts';
import { presentSignIn, presentTokens } from './present.ts';
import { requireUserPrincipal } from './require-user.ts';
import {
  emptyBody,
  noContent,
  noQuery,
  refreshBody,
  signedIn,
  signInAnswer,
  signInBody,
  signUpAnswer,
  signUpBody,
} from './schemas.ts';

/** Sign-up, sign-in, refresh, sign-out. Thin: decode, call the service, encode. */
export function authRoutes(identity: IdentityService): FastifyPluginAsyncZod {
  return async (app) => {
    const perEmail = { identifier: bodyField('email') };

    app.post(
      '/v1/auth/sign-up',
      {
        config: { access: 'public', rateLimit: perEmail },
        schema: {
          tags: ['identity'],
          summary: 'Create an account (the answer is the same whether or not the email has one)',
          querystring: noQuery,
          body: signUpBody,
          response: { 202: signUpAnswer },
        },
      },
      async (request, reply) => {
        const { email, password, name } = request.body;
        const answer = await identity.signUp({ email, password, name, client: clientContextOf(request) });
        return reply.code(202).send(answer);
      },
    );

    app.post(
      '/v1/auth/sign-in',
      {
        config: { access: 'public', rateLimit: perEmail },
        schema: {
          tags: ['identity'],
          summary: 'Sign in with email and password: tokens, or an MFA challenge',
          querystring: noQuery,
          body: signInBody,
          response: { 200: signInAnswer },
        },
      },
      async (request) => {
        const { email, password } = request.body;
        const result = await identity.signInWithPassword({
          email,
          password,
          client: clientContextOf(request),
        });
        return presentSignIn(result);
      },
    );

    app.post(
      '/v1/auth/refresh',
      {
        config: { access: 'public' },
        schema: {
          tags: ['identity'],
          summary: 'Exchange a refresh token (once) for a new access and refresh token',
          querystring: noQuery,
          body: refreshBody,
          response: { 200: signedIn },
        },
      },
      async (request) => {
        const tokens = await identity.refresh(request.body.refresh_token, clientContextOf(request));
        return presentTokens(tokens, await identity.mfaEnabled(tokens.user.id));
      },
    );

    app.post(
      '/v1/auth/sign-out',
      {
        schema: {
          tags: ['identity'],
          summary: 'End the session of this access token (its refresh token stops working)',
          querystring: noQuery,
          body: emptyBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { userId, sessionId } = requireUserPrincipal(request);
        await identity.signOut({ userId, sessionId, client: clientContextOf(request) });
        return reply.code(204).send(null);
      },
    );
  };
}
