/**
 * One autocannon round against a target. autocannon is a devDependency of
 * @keystone/server (it ships no types), so it is resolved from that package.
 */

import { autocannon } from '../shared/autocannon.ts';
export type LoadOptions = {
  url: string;
  headers: Record<string, string>;
  connections: number;
  pipelining: number;
  durationSeconds: number;
};

export type LoadResult = {
  requestsPerSecond: number;
  totalRequests: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  failures: number;
  /** Why, when failures > 0: counts by status code, errors and timeouts. */
  failureDetail: string;
};

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    headers: options.headers,
    connections: options.connections,
    pipelining: options.pipelining,
    duration: options.durationSeconds,
  });
  return {
    requestsPerSecond: result.requests.average,
    totalRequests: result.requests.total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    // Anything but 2xx means we measured something other than the route (401s, 429s, 503s).
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
