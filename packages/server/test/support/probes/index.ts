import type { FastifyPluginAsync } from 'fastify';
import type { ExtraPluginOptions } from '../../../src/app.ts';
import { basicProbes } from './basic-probes.ts';
import { durabilityProbes } from './durability-probes.ts';
import { idempotencyProbes } from './idempotency-probes.ts';
import { loadSheddingProbes } from './load-shedding-probes.ts';
import { rateLimitProbes } from './rate-limit-probes.ts';

/** Every test-only probe plugin; child server processes in tests mount all of them. */
export const allProbes: FastifyPluginAsync<ExtraPluginOptions>[] = [
  basicProbes,
  durabilityProbes,
  idempotencyProbes,
  loadSheddingProbes,
  rateLimitProbes,
];
