import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bodyField } from '../../platform/rate-limit/layers.ts';
import type { CodeRequestAnswer } from '../service/email-verification.ts';
import type { EmailedProof, MailLog } from '../service/emailed-proof.ts';
import type { IdentityService } from '../service/identity-service.ts';
import { type ClientContext, clientContextOf } from '../service/request-context.ts';
import {
  acceptedAnswer,
  emailOnlyBody,
  emailProofBody,
  passwordResetAnswer,
  passwordResetBody,
  verifiedAnswer,
} from './email-flow-schemas.ts';
import { noQuery, signInAnswer } from './schemas.ts';
import { createTokenDelivery, TOKEN_DELIVERY_HEADER } from './token-delivery.ts';

/**
 * The emailed flows that need no session: verify the address, reset the
 * password, sign in by code or link. Every route that takes an address answers
 * alike for known and unknown ones, and is rate limited per IP + address.
 */
export function emailRoutes(identity: IdentityService): FastifyPluginAsyncZod {
  return async (app) => {
    const perEmail = { identifier: bodyField('email') };

    /** A "mail me a code" route: always 202 with the same body (enumeration-safe), rate limited per email. */
    const codeRequestRoute = (
      path: string,
      summary: string,
      request: (input: { email: string; client: ClientContext; log: MailLog }) => Promise<CodeRequestAnswer>,
    ) =>
      app.post(
        path,
        {
          config: { access: 'public', rateLimit: perEmail },
          schema: {
            tags: ['identity'],
            summary,
            querystring: noQuery,
            body: emailOnlyBody,
            response: { 202: acceptedAnswer },
          },
        },
        async (req, reply) => {
          const answer = await request({ email: req.body.email, client: clientContextOf(req), log: req.log });
          return reply.code(202).send(answer);
        },
      );
    const emails = identity.emails;
    const delivery = createTokenDelivery(identity.config);

    app.post(
      '/v1/auth/verify-email',
      {
        config: { access: 'public', rateLimit: perEmail },
        schema: {
          tags: ['identity'],
          summary: 'Verify the email address with the emailed code (and the address), or the link’s token',
          querystring: noQuery,
          body: emailProofBody,
          response: { 200: verifiedAnswer },
        },
      },
      async (request) => {
        await emails.verifyEmail({ proof: request.body, client: clientContextOf(request) });
        return { status: 'verified' as const };
      },
    );

    codeRequestRoute(
      '/v1/auth/verify-email/resend',
      'Mail a new verification code (only to an account not verified yet; the answer is the same)',
      emails.resendVerification,
    );

    codeRequestRoute(
      '/v1/auth/password-reset',
      'Mail a password reset code and link (only to an existing account; the answer is the same)',
      emails.requestPasswordReset,
    );

    app.post(
      '/v1/auth/password-reset/confirm',
      {
        config: { access: 'public', rateLimit: perEmail },
        schema: {
          tags: ['identity'],
          summary: 'Set a new password with the emailed code or link token; every session of the user ends',
          querystring: noQuery,
          body: passwordResetBody,
          response: { 200: passwordResetAnswer },
        },
      },
      async (request) => {
        const { new_password, ...proof } = request.body;
        await emails.confirmPasswordReset({
          proof: proof as EmailedProof,
          newPassword: new_password,
          client: clientContextOf(request),
        });
        return { status: 'password_reset' as const, next: 'sign_in' as const };
      },
    );

    codeRequestRoute(
      '/v1/auth/passwordless',
      'Mail a sign-in code and link (only to an existing account; the answer is the same)',
      emails.requestSignInCode,
    );

    app.post(
      '/v1/auth/passwordless/verify',
      {
        config: { access: 'public', rateLimit: perEmail },
        onRequest: delivery.checkHeader,
        schema: {
          tags: ['identity'],
          summary:
            'Sign in with the emailed code (and the address) or the link’s token: tokens, or an MFA challenge',
          description: `Verifies the address too. With ${TOKEN_DELIVERY_HEADER}: cookie the refresh token is set as an HttpOnly cookie instead of returned.`,
          querystring: noQuery,
          body: emailProofBody,
          response: { 200: signInAnswer },
        },
      },
      async (request, reply) => {
        const result = await emails.signInWithEmail({
          proof: request.body,
          client: clientContextOf(request),
        });
        return delivery.signIn(request, reply, result);
      },
    );
  };
}
