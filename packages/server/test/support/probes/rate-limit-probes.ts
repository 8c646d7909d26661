import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bodyField } from '../../../src/platform/rate-limit/layers.ts';

const noQuery = z.strictObject({});
const ok = { 200: z.object({ ok: z.literal(true) }) };
const signInBody = z.strictObject({ email: z.string().min(1), password: z.string() });

/** Test-only routes for the rate-limit layers: public, authenticated and operator pings, sign-in shapes. */
export const rateLimitProbes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/probe/rate-limit/public',
    { config: { access: 'public' }, schema: { querystring: noQuery, response: ok } },
    async () => ({ ok: true as const }),
  );

  app.get('/probe/rate-limit/private', { schema: { querystring: noQuery, response: ok } }, async () => ({
    ok: true as const,
  }));

  // Refuses every valid credential but an operator key (403): authentication passes, admission does not.
  app.get(
    '/probe/rate-limit/operator',
    { config: { access: 'operator' }, schema: { querystring: noQuery, response: ok } },
    async () => ({ ok: true as const }),
  );

  // A sign-in style route: limited per IP + email, with the limit from the environment.
  app.post(
    '/probe/rate-limit/sign-in',
    {
      config: { access: 'public', rateLimit: { identifier: bodyField('email') } },
      schema: { querystring: noQuery, body: signInBody, response: ok },
    },
    async () => ({ ok: true as const }),
  );

  // The same with the route's own limit and window.
  app.post(
    '/probe/rate-limit/reset-password',
    {
      config: {
        access: 'public',
        rateLimit: { identifier: bodyField('email'), limit: 2, windowSeconds: 3600 },
      },
      schema: { querystring: noQuery, body: signInBody, response: ok },
    },
    async () => ({ ok: true as const }),
  );
};
