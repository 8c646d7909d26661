/**
 * One autocannon round of sign-ins: `connections` clients in a closed loop, each
 * request signing in the next bench user. Any answer but 200 counts as a failure.
 */
import { autocannon } from '../shared/autocannon.ts';
import { BENCH_USERS } from './bench-users.ts';

export type SignInLoadResult = {
  operations: number;
  elapsedSeconds: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  failures: number;
  failureDetail: string;
};

const bodies = BENCH_USERS.map((user) => JSON.stringify(user));

export async function runSignIns(options: {
  origin: string;
  path: string;
  connections: number;
  durationSeconds: number;
}): Promise<SignInLoadResult> {
  let next = 0;
  const result = await autocannon({
    url: options.origin,
    connections: options.connections,
    pipelining: 1,
    duration: options.durationSeconds,
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          body: bodies[next++ % bodies.length],
        }),
      },
    ],
  });
  return {
    operations: result.requests.total,
    elapsedSeconds: result.duration,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
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
