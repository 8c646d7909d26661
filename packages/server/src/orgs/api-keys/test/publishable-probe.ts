import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** A test-only route browser code may call with a publishable key (modules such as flags declare theirs). */
export const publishableProbe: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/probe/publishable',
    {
      config: { access: 'publishable' },
      schema: {
        querystring: z.strictObject({}),
        response: { 200: z.strictObject({ key_id: z.string().nullable() }) },
      },
    },
    async (request) => ({ key_id: request.principal?.id ?? null }),
  );
};
