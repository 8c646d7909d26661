import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors/app-error.ts';
import { bodyField } from '../../platform/rate-limit/layers.ts';
import type { IdentityService } from '../service/identity-service.ts';
import { clientContextOf } from '../service/request-context.ts';
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
import { createTokenDelivery, TOKEN_DELIVERY_HEADER } from './token-delivery.ts';

/** Sign-up, sign-in, refresh, sign-out. Thin: decode, call the service, encode. */
export function authRoutes(identity: IdentityService): FastifyPluginAsyncZod {
  return async (app) => {
    const perEmail = { identifier: bodyField('email') };
    const delivery = createTokenDelivery(identity.config);
    const cookieNote = `With ${TOKEN_DELIVERY_HEADER}: cookie the refresh token is set as an HttpOnly cookie instead of returned.`;

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
        onRequest: delivery.checkHeader,
        schema: {
          tags: ['identity'],
          summary: 'Sign in with email and password: tokens, or an MFA challenge',
          description: cookieNote,
          querystring: noQuery,
          body: signInBody,
          response: { 200: signInAnswer },
        },
      },
      async (request, reply) => {
        const { email, password } = request.body;
        const result = await identity.signInWithPassword({
          email,
          password,
          client: clientContextOf(request),
        });
        return delivery.signIn(request, reply, result);
      },
    );

    app.post(
      '/v1/auth/refresh',
      {
        config: { access: 'public' },
        onRequest: delivery.checkHeader,
        schema: {
          tags: ['identity'],
          summary: 'Exchange a refresh token (once) for a new access and refresh token',
          description:
            `${cookieNote} Without refresh_token in the body the cookie is used; ` +
            'such requests need the X-Keystone-CSRF header and an allowed Origin.',
          querystring: noQuery,
          body: refreshBody,
          response: { 200: signedIn },
        },
      },
      async (request, reply) => {
        const presented = delivery.refreshTokenOf(request, request.body?.refresh_token);
        const tokens = await identity.refresh(presented, clientContextOf(request)).catch((error: unknown) => {
          // A dead token in the cookie would only fail again: drop it with the 401.
          const dead = error instanceof AppError && error.status === 401;
          if (dead && request.body?.refresh_token === undefined) delivery.clearCookie(reply);
          throw error;
        });
        return delivery.tokens(request, reply, tokens, await identity.mfaEnabled(tokens.user.id));
      },
    );

    app.post(
      '/v1/auth/sign-out',
      {
        schema: {
          tags: ['identity'],
          summary: 'End the session of this access token (its refresh token stops working)',
          description: 'Also clears the refresh cookie when the request carries it.',
          querystring: noQuery,
          body: emptyBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { userId, sessionId } = requireUserPrincipal(request);
        await identity.signOut({ userId, sessionId, client: clientContextOf(request) });
        if (delivery.hasCookie(request)) delivery.clearCookie(reply);
        return reply.code(204).send(null);
      },
    );
  };
}
