/**
 * One autocannon round of checks: `connections` clients in a closed loop, each request the next of
 * the precomputed check bodies. Latencies are taken from autocannon's per-response event (fractional
 * milliseconds: its own histogram keeps whole milliseconds, too coarse next to a 5 ms goal). Any
 * answer but 200 counts as a failure.
 */
import { type AutocannonResult, autocannon } from '../shared/autocannon.ts';

export type LoadResult = {
  operations: number;
  elapsedSeconds: number;
  latenciesMs: number[];
  failures: number;
  failureDetail: string;
};

type Tracker = Promise<AutocannonResult> & {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};

export async function runChecks(options: {
  origin: string;
  path: string;
  headers: Record<string, string>;
  bodies: readonly string[];
  connections: number;
  durationSeconds: number;
  /** Requests per second across all connections (an open-loop pace below capacity); flat out if absent. */
  overallRate?: number;
}): Promise<LoadResult> {
  let next = 0;
  const latenciesMs: number[] = [];
  const tracker = autocannon({
    url: options.origin,
    connections: options.connections,
    pipelining: 1,
    duration: options.durationSeconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: { ...options.headers, 'content-type': 'application/json' },
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          body: options.bodies[next++ % options.bodies.length],
        }),
      },
    ],
  }) as Tracker;
  tracker.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) latenciesMs.push(ms);
  });
  const result = await tracker;
  return {
    operations: result.requests.total,
    elapsedSeconds: result.duration,
    latenciesMs,
    failures: result.non2xx + result.errors + result.timeouts,
    failureDetail: JSON.stringify({
      statusCodes: Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]),
      ),
      errors: result.errors,
      timeouts: result.timeouts,
    }),
  };
}

/** The value below which `p` of the samples fall (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}
