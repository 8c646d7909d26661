/** One autocannon round of a fixed JSON POST; any non-2xx, error or timeout makes the round fail. */
import type { RoundResult } from '../http-overhead/report.ts';
import type { RunningTarget } from '../http-overhead/spawn-target.ts';
import { autocannon } from '../shared/autocannon.ts';

export type PostLoad = { target: RunningTarget; url: string; headers: Record<string, string>; body: string };

export async function postRound(
  name: string,
  load: PostLoad,
  connections: number,
  seconds: number,
): Promise<RoundResult> {
  const cpuBefore = await load.target.cpuMicros();
  const result = await autocannon({
    url: load.url,
    method: 'POST',
    headers: { ...load.headers, 'content-type': 'application/json' },
    body: load.body,
    connections,
    pipelining: 1,
    duration: seconds,
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) {
    const codes = Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]),
    );
    throw new Error(
      `${name}: ${failures} requests failed or were not 2xx (${JSON.stringify({ codes, errors: result.errors, timeouts: result.timeouts })}); results are meaningless`,
    );
  }
  const cpuMicros = (await load.target.cpuMicros()) - cpuBefore;
  return {
    requestsPerSecond: result.requests.average,
    cpuMicrosPerRequest: cpuMicros / Math.max(1, result.requests.total),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
  };
}
