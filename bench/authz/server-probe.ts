/**
 * What a server must get right before it is timed, and what it costs in statements: every check of
 * the load asked once and compared with the model's answer, then list-objects for the wide user,
 * with PostgreSQL's counters around each (STATS_SETTLE_MS apart, so the server's backends have
 * reported them).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { perOperation, readCounters, STATS_SETTLE_MS } from './database-counters.ts';
import type { CheckCase } from './expected-access.ts';
import type { FgaBench } from './fga-setup.ts';
import { type ListObjectsResult, measureListObjects } from './list-objects-probe.ts';
import { type VerifiedChecks, verifyChecks } from './verify-checks.ts';

export async function probeServer(options: {
  name: string;
  fga: FgaBench;
  databaseUrl: string;
  cases: readonly CheckCase[];
  listUser: string;
  expectedObjects: readonly string[];
  listRuns: number;
  say: (line: string) => void;
}): Promise<ListObjectsResult> {
  const { name, fga, databaseUrl, cases, say } = options;
  await sleep(STATS_SETTLE_MS);
  const beforeChecks = await readCounters(databaseUrl);
  const started = performance.now();
  const verified = await verifyChecks(fga, cases);
  const timing = (side: VerifiedChecks['allowed']) =>
    `${side.count}, p50 ${side.p50Ms.toFixed(2)} ms, p99 ${side.p99Ms.toFixed(2)} ms`;
  say(
    `${name}: ${cases.length} checks document#viewer answered as the model says, one at a time in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s: allowed ${timing(verified.allowed)}; ` +
      `denied ${timing(verified.denied)}`,
  );
  await sleep(STATS_SETTLE_MS);
  const beforeList = await readCounters(databaseUrl);
  const perCheck = perOperation(beforeChecks, beforeList, cases.length);
  say(
    `${name}: per check (PostgreSQL's counters over that pass): ${perCheck.tupleIndexScans.toFixed(1)} ` +
      `fga_tuples index scans, ${perCheck.transactions.toFixed(2)} transactions`,
  );
  const listObjects = await measureListObjects(
    fga,
    options.listUser,
    options.expectedObjects,
    options.listRuns,
  );
  if (!('skipped' in listObjects)) {
    await sleep(STATS_SETTLE_MS);
    const perList = perOperation(beforeList, await readCounters(databaseUrl), options.listRuns + 1);
    say(
      `${name}: per list-objects: ${perList.tupleIndexScans.toFixed(1)} fga_tuples index scans, ` +
        `${perList.transactions.toFixed(2)} transactions`,
    );
  }
  return listObjects;
}
