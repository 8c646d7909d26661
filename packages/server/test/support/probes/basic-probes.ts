import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Test-only routes that exercise the platform before domain modules exist.
 * Never registered by the server itself.
 */
export const basicProbes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/probe/echo',
    {
      config: { access: 'public' },
      schema: {
        querystring: z.strictObject({ loud: z.enum(['true', 'false']).optional() }),
        body: z.strictObject({ name: z.string().min(1), count: z.number().int().min(0) }),
        response: { 200: z.object({ name: z.string(), count: z.number() }) },
      },
    },
    async (request) => ({
      name: request.query.loud === 'true' ? request.body.name.toUpperCase() : request.body.name,
      count: request.body.count,
    }),
  );

  app.get(
    '/probe/boom',
    {
      config: { access: 'public' },
      schema: { querystring: z.strictObject({}), response: { 200: z.object({}) } },
    },
    async () => {
      throw new Error('connection string postgres://secret@db/internal failed');
    },
  );

  app.get(
    '/probe/whoami',
    {
      schema: {
        querystring: z.strictObject({}),
        response: { 200: z.object({ kind: z.string(), id: z.string() }) },
      },
    },
    async (request) => ({ kind: request.principal?.kind ?? 'none', id: request.principal?.id ?? '' }),
  );
};
