/** The printed result of `npm run bench:authz`: checks and SQL lookups per round, latencies, the goal. */
import { median } from '../http-overhead/report.ts';
import { percentile } from './check-load.ts';
import type { ListObjectsResult } from './list-objects-probe.ts';

export type Round = { operationsPerSecond: number; cpuMicrosPerOperation: number; latenciesMs: number[] };
export type Measure = { name: string; rounds: Round[] };

/** Issue 7: a check's p99 under 5 ms at 1M tuples. */
export const GOAL_P99_MS = 5;

const cell = (value: number | string, width: number, digits = 0) =>
  (typeof value === 'number' ? value.toFixed(digits) : value).padStart(width);

const pooled = (measure: Measure) => measure.rounds.flatMap((round) => round.latenciesMs);

export function summary(measure: Measure) {
  const latencies = pooled(measure);
  return {
    opsPerSecond: median(measure.rounds.map((r) => r.operationsPerSecond)),
    cpuMicros: median(measure.rounds.map((r) => r.cpuMicrosPerOperation)),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

export function formatAuthzReport(options: {
  checks: { concurrent: Measure; sequential: Measure };
  floor: { concurrent: Measure; sequential: Measure };
  listObjects: ListObjectsResult;
  listUser: string;
}): string {
  const { checks, floor } = options;
  const roundCount = checks.concurrent.rounds.length;
  const lines = [
    'measure                          ' +
      Array.from({ length: roundCount }, (_, i) => cell(`round ${i + 1}`, 9)).join('') +
      cell('median/s', 10) +
      cell('CPU µs/op', 11) +
      cell('p50 ms', 8) +
      cell('p99 ms', 8),
  ];
  for (const measure of [checks.concurrent, checks.sequential, floor.concurrent, floor.sequential]) {
    const s = summary(measure);
    lines.push(
      measure.name.padEnd(33) +
        measure.rounds.map((r) => cell(r.operationsPerSecond, 9)).join('') +
        cell(s.opsPerSecond, 10) +
        cell(s.cpuMicros, 11) +
        cell(s.p50, 8, 2) +
        cell(s.p99, 8, 2),
    );
  }
  lines.push('', '(CPU µs/op: the Keystone process for checks, the pg client process for lookups)', '');
  const list = options.listObjects;
  lines.push(
    'skipped' in list
      ? `list-objects document#viewer for ${options.listUser}: SKIPPED, ${list.skipped}`
      : `list-objects document#viewer for ${options.listUser}: ${list.count} documents, ` +
          `p50 ${list.p50Ms.toFixed(1)} ms, p99 ${list.p99Ms.toFixed(1)} ms, max ${list.maxMs.toFixed(1)} ms ` +
          `(${list.runs} runs, one at a time)`,
    '',
  );
  const seq = summary(checks.sequential);
  const con = summary(checks.concurrent);
  const verdict = (p99: number) =>
    `${p99.toFixed(2)} ms = ${(p99 / GOAL_P99_MS).toFixed(2)}× the goal: ${p99 < GOAL_P99_MS ? 'met' : 'NOT met'}`;
  const floorSeq = summary(floor.sequential);
  const floorCon = summary(floor.concurrent);
  lines.push(
    `Goal: check p99 under ${GOAL_P99_MS} ms at 1M tuples`,
    `  one check alone (1 connection):   p99 ${verdict(seq.p99)}`,
    `  under load (${checks.concurrent.name.match(/\d+ conn/)?.[0] ?? 'n conn'}ections):      p99 ${verdict(con.p99)}`,
    `Check / SQL floor, p50 one at a time: ${(seq.p50 / floorSeq.p50).toFixed(1)}×;` +
      ` throughput under load: ${((con.opsPerSecond / floorCon.opsPerSecond) * 100).toFixed(1)}% of the floor's`,
  );
  return `${lines.join('\n')}\n`;
}
