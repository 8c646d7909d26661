/**
 * The one-at-a-time pass before anything is timed: every check the load will send is asked once over
 * HTTP and compared with the model's answer (expected-access.ts); a single wrong answer stops the run.
 * Each check is timed too, so allowed and denied checks can be told apart (a denied check walks every
 * path, an allowed one stops at the first that holds).
 */
import { percentile } from './check-load.ts';
import type { CheckCase } from './expected-access.ts';
import { checkOverApi, type FgaBench } from './fga-setup.ts';

export type VerifiedChecks = {
  allowed: { count: number; p50Ms: number; p99Ms: number };
  denied: { count: number; p50Ms: number; p99Ms: number };
};

export async function verifyChecks(fga: FgaBench, cases: readonly CheckCase[]): Promise<VerifiedChecks> {
  const wrong: CheckCase[] = [];
  const allowedMs: number[] = [];
  const deniedMs: number[] = [];
  for (const item of cases) {
    const begun = performance.now();
    const allowed = await checkOverApi(fga, item);
    (item.allowed ? allowedMs : deniedMs).push(performance.now() - begun);
    if (allowed !== item.allowed) wrong.push(item);
  }
  if (wrong.length > 0) {
    throw new Error(`${wrong.length} checks answered wrongly, e.g. ${JSON.stringify(wrong.slice(0, 3))}`);
  }
  const summary = (ms: number[]) => ({
    count: ms.length,
    p50Ms: percentile(ms, 0.5),
    p99Ms: percentile(ms, 0.99),
  });
  return { allowed: summary(allowedMs), denied: summary(deniedMs) };
}
