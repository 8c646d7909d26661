import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUserPrincipal } from '../../routes/require-user.ts';
import { emptyBody, noContent, noQuery } from '../../routes/schemas.ts';
import type { IdentityService } from '../../service/identity-service.ts';
import { clientContextOf } from '../../service/request-context.ts';
import {
  confirmTotpBody,
  mfaStatusAnswer,
  proofOf,
  recoveryCodesAnswer,
  regenerateBody,
  secondFactorBody,
  totpEnrollmentAnswer,
} from './mfa-schemas.ts';

/** The signed-in user's second factor: set up, confirm, turn off, recovery codes. */
export function mfaRoutes(identity: IdentityService): FastifyPluginAsyncZod {
  return async (app) => {
    const { mfa } = identity;
    // Routes that check a code: a few tries a minute per user, so a stolen session cannot guess one.
    const perUser = { identifier: (request: FastifyRequest) => request.principal?.id };
    const caller = (request: FastifyRequest) => ({
      ...requireUserPrincipal(request),
      client: clientContextOf(request),
    });

    app.get(
      '/v1/me/mfa',
      {
        schema: {
          tags: ['identity'],
          summary: 'The signed-in user’s second factors',
          querystring: noQuery,
          response: { 200: mfaStatusAnswer },
        },
      },
      async (request) => {
        const status = await mfa.status(requireUserPrincipal(request).userId);
        return {
          totp: {
            enabled: status.totp.enabled,
            confirmed_at: status.totp.confirmedAt?.toISOString() ?? null,
          },
          recovery_codes_remaining: status.recoveryCodesRemaining,
        };
      },
    );

    app.post(
      '/v1/me/mfa/totp',
      {
        config: { rateLimit: perUser },
        schema: {
          tags: ['identity'],
          summary: 'Start setting up an authenticator app: a new secret and its QR code (confirm next)',
          querystring: noQuery,
          body: emptyBody,
          response: { 201: totpEnrollmentAnswer },
        },
      },
      async (request, reply) => {
        const { userId, sessionId, client } = caller(request);
        const user = await identity.requireUser(userId);
        const enrollment = await mfa.startTotpEnrollment({ user, sessionId, client });
        return reply.code(201).header('cache-control', 'no-store').send({
          secret: enrollment.secret,
          otpauth_uri: enrollment.uri,
          qr_svg: enrollment.qrSvg,
          qr_data_url: enrollment.qrDataUrl,
        });
      },
    );

    app.post(
      '/v1/me/mfa/totp/confirm',
      {
        config: { rateLimit: perUser },
        schema: {
          tags: ['identity'],
          summary: 'Turn MFA on with a code from the app; answers the recovery codes, once',
          querystring: noQuery,
          body: confirmTotpBody,
          response: { 200: recoveryCodesAnswer },
        },
      },
      async (request, reply) => {
        const { userId, client } = caller(request);
        const codes = await mfa.confirmTotp({ userId, code: request.body.code, client });
        return reply.header('cache-control', 'no-store').send({ recovery_codes: codes });
      },
    );

    app.delete(
      '/v1/me/mfa/totp',
      {
        config: { rateLimit: perUser },
        schema: {
          tags: ['identity'],
          summary: 'Turn MFA off (needs a sign-in from the last 5 minutes and a current code)',
          querystring: noQuery,
          body: secondFactorBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        const proof = proofOf(request.body);
        // The schema lets no body through without exactly one code.
        if (!proof) throw new Error('secondFactorBody admitted a body without a code');
        await identity.mfa.disableTotp({ ...caller(request), proof });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/v1/me/mfa/recovery-codes',
      {
        config: { rateLimit: perUser },
        schema: {
          tags: ['identity'],
          summary:
            'New recovery codes, the old ones void (a sign-in from the last 5 minutes, or a current code)',
          querystring: noQuery,
          body: regenerateBody,
          response: { 200: recoveryCodesAnswer },
        },
      },
      async (request, reply) => {
        const codes = await mfa.regenerateRecoveryCodes({ ...caller(request), proof: proofOf(request.body) });
        return reply.header('cache-control', 'no-store').send({ recovery_codes: codes });
      },
    );
  };
}
