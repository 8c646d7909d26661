/** The printed result of `npm run bench:authz`: checks and SQL lookups per round, latencies, the goal. */
import { median } from '../http-overhead/report.ts';
import { percentile } from './check-load.ts';
import type { ListObjectsResult } from './list-objects-probe.ts';

export type Round = { operationsPerSecond: number; cpuMicrosPerOperation: number; latenciesMs: number[] };
export type Measure = { name: string; rounds: Round[] };
/** One Keystone server's figures: checks flat out, paced below capacity, one at a time; list-objects. */
export type ServerFigures = {
  name: string;
  concurrent: Measure;
  paced: Measure;
  sequential: Measure;
  listObjects: ListObjectsResult;
};

/** Issue 7: a check's p99 under 5 ms at 1M tuples. */
export const GOAL_P99_MS = 5;

const cell = (value: number | string, width: number, digits = 0) =>
  (typeof value === 'number' ? value.toFixed(digits) : value).padStart(width);

export function summary(measure: Measure) {
  const latencies = measure.rounds.flatMap((round) => round.latenciesMs);
  return {
    opsPerSecond: median(measure.rounds.map((r) => r.operationsPerSecond)),
    cpuMicros: median(measure.rounds.map((r) => r.cpuMicrosPerOperation)),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

export function formatAuthzReport(options: {
  servers: ServerFigures[];
  floor: { concurrent: Measure; sequential: Measure };
  listUser: string;
  connections: number;
}): string {
  const { servers, floor } = options;
  const measures = [
    ...servers.flatMap((s) => [s.concurrent, s.paced, s.sequential]),
    floor.concurrent,
    floor.sequential,
  ];
  const nameWidth = Math.max(...measures.map((m) => m.name.length)) + 2;
  const roundCount = floor.concurrent.rounds.length;
  const lines = [
    'measure'.padEnd(nameWidth) +
      Array.from({ length: roundCount }, (_, i) => cell(`round ${i + 1}`, 9)).join('') +
      cell('median/s', 10) +
      cell('CPU µs/op', 11) +
      cell('p50 ms', 8) +
      cell('p99 ms', 8),
  ];
  for (const measure of measures) {
    const s = summary(measure);
    lines.push(
      measure.name.padEnd(nameWidth) +
        measure.rounds.map((r) => cell(r.operationsPerSecond, 9)).join('') +
        cell(s.opsPerSecond, 10) +
        cell(s.cpuMicros, 11) +
        cell(s.p50, 8, 2) +
        cell(s.p99, 8, 2),
    );
  }
  lines.push('', '(CPU µs/op: the Keystone process for checks, the pg client process for lookups)', '');
  for (const server of servers) {
    const list = server.listObjects;
    lines.push(
      `${server.name} list-objects document#viewer for ${options.listUser}: ` +
        ('skipped' in list
          ? `SKIPPED, ${list.skipped}`
          : `${list.count} documents, p50 ${list.p50Ms.toFixed(1)} ms, p99 ${list.p99Ms.toFixed(1)} ms, ` +
            `max ${list.maxMs.toFixed(1)} ms (${list.runs} runs, one at a time)`),
    );
  }
  const verdict = (p99: number) =>
    `${p99.toFixed(2)} ms = ${(p99 / GOAL_P99_MS).toFixed(2)}× the goal: ${p99 < GOAL_P99_MS ? 'met' : 'NOT met'}`;
  const floorSeq = summary(floor.sequential);
  const floorCon = summary(floor.concurrent);
  lines.push('', `Goal: check p99 under ${GOAL_P99_MS} ms at 1M tuples`);
  for (const server of servers) {
    const seq = summary(server.sequential);
    const con = summary(server.concurrent);
    const paced = summary(server.paced);
    lines.push(
      `  ${server.name}, one check alone (1 connection):  p99 ${verdict(seq.p99)}`,
      `  ${server.name}, under load (${server.paced.name.replace(/^.* check, /, '')}): p99 ${verdict(paced.p99)}`,
      `  ${server.name}, flat out (${options.connections} connections, queueing on this machine's CPUs): p99 ${verdict(con.p99)}`,
      `  ${server.name} / SQL floor: p50 one at a time ${(seq.p50 / floorSeq.p50).toFixed(1)}×; ` +
        `throughput under load ${((con.opsPerSecond / floorCon.opsPerSecond) * 100).toFixed(1)}% of the floor's`,
    );
  }
  const [first, second] = servers;
  if (first && second) {
    const pct = (b: number, a: number) => `${((b / a) * 100).toFixed(0)}%`;
    const [a, b] = [first, second].map((s) => ({ seq: summary(s.sequential), con: summary(s.concurrent) }));
    if (a && b) {
      lines.push(
        '',
        `${second.name} as a share of ${first.name}: one check alone p50 ${pct(b.seq.p50, a.seq.p50)}, ` +
          `p99 ${pct(b.seq.p99, a.seq.p99)}, server CPU per check ${pct(b.seq.cpuMicros, a.seq.cpuMicros)}; ` +
          `under load checks/s ${pct(b.con.opsPerSecond, a.con.opsPerSecond)}, p99 ${pct(b.con.p99, a.con.p99)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
