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
    // A window with no delay sample reads as infinite delay in under-pressure; at 50 ms a busy but
    // healthy loop hits that and sheds for nothing. Half a second always holds samples.
    sampleInterval: 500,
    retryAfter: SHED_RETRY_AFTER_SECONDS,
  });
}

/** A route-level pressure handler that lets the request through. */
export const ignorePressure = () => undefined;
