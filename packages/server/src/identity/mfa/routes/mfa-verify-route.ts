import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bodyField } from '../../../platform/rate-limit/layers.ts';
import { noQuery, signedIn } from '../../routes/schemas.ts';
import { createTokenDelivery, TOKEN_DELIVERY_HEADER } from '../../routes/token-delivery.ts';
import type { IdentityService } from '../../service/identity-service.ts';
import { clientContextOf } from '../../service/request-context.ts';
import { mfaVerifyBody, proofOf } from './mfa-schemas.ts';

/** The second step of a sign-in: the mfa_token and a code become tokens. */
export function mfaVerifyRoute(identity: IdentityService): FastifyPluginAsyncZod {
  return async (app) => {
    const delivery = createTokenDelivery(identity.config);
    app.post(
      '/v1/auth/mfa/verify',
      {
        // Each challenge allows a few attempts (sign-in-flow.ts); this bounds the pace as well.
        config: { access: 'public', rateLimit: { identifier: bodyField('mfa_token') } },
        onRequest: delivery.checkHeader,
        schema: {
          tags: ['identity'],
          summary: 'Finish a sign-in with MFA: the mfa_token and a TOTP or recovery code',
          description: `With ${TOKEN_DELIVERY_HEADER}: cookie the refresh token is set as an HttpOnly cookie instead of returned.`,
          querystring: noQuery,
          body: mfaVerifyBody,
          response: { 200: signedIn },
        },
      },
      async (request, reply) => {
        const proof = proofOf(request.body);
        // The schema lets no body through without exactly one code.
        if (!proof) throw new Error('mfaVerifyBody admitted a body without a code');
        const tokens = await identity.mfa.verify({
          mfaToken: request.body.mfa_token,
          proof,
          client: clientContextOf(request),
        });
        reply.header('cache-control', 'no-store');
        return delivery.tokens(request, reply, tokens, true);
      },
    );
  };
}
