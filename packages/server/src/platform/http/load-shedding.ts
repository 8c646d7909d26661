import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';

/**
 * When the event loop lags past the configured delay, new requests get 503
 * `overloaded` with Retry-After at once instead of joining an unbounded queue
 * (the error handler maps under-pressure's error). A route opts out with
 * `config: { pressureHandler: ignorePressure }`, as /healthz does, so an
 * orchestrator can still see the process is alive.
 */
export const SHED_RETRY_AFTER_SECONDS = 5;

export async function registerLoadShedding(app: FastifyInstance, maxEventLoopDelayMs: number): Promise<void> {
  if (maxEventLoopDelayMs <= 0) return;
  await app.register(underPressure, {
    maxEventLoopDelay: maxEventLoopDelayMs,
    sampleInterval: 50,
    retryAfter: SHED_RETRY_AFTER_SECONDS,
  });
}

/** A route-level pressure handler that lets the request through. */
export const ignorePressure = () => undefined;
