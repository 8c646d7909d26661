import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ignorePressure } from '../../../src/platform/http/load-shedding.ts';

/** Busy-waits: the event loop does nothing else meanwhile, as under a CPU-bound overload. */
function blockFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

/**
 * Test-only routes that saturate the event loop: `start` makes it stall for
 * `blockMs` over and over (yielding briefly between stalls, so requests are
 * still read and answered) until `stop`, or 30 s as a safety net. Both are
 * exempt from shedding, like /healthz, so a test can always end the overload.
 */
export const loadSheddingProbes: FastifyPluginAsyncZod = async (app) => {
  let running: { stopAt: number } | undefined;

  app.post(
    '/probe/saturate/start',
    {
      config: { access: 'public', pressureHandler: ignorePressure },
      schema: {
        querystring: z.strictObject({}),
        body: z.strictObject({ blockMs: z.number().int().min(1).max(2000) }),
        response: { 202: z.object({ saturating: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const state = { stopAt: Date.now() + 30_000 };
      running = state;
      const tick = () => {
        if (running !== state || Date.now() > state.stopAt) return;
        blockFor(request.body.blockMs);
        setTimeout(tick, 1);
      };
      setTimeout(tick, 1);
      return reply.code(202).send({ saturating: true as const });
    },
  );

  app.post(
    '/probe/saturate/stop',
    {
      config: { access: 'public', pressureHandler: ignorePressure },
      schema: {
        querystring: z.strictObject({}),
        body: z.strictObject({}),
        response: { 200: z.object({ saturating: z.literal(false) }) },
      },
    },
    async () => {
      running = undefined;
      return { saturating: false as const };
    },
  );

  app.addHook('onClose', async () => {
    running = undefined;
  });
};
