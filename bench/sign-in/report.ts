/** The printed result of `npm run bench:sign-in`: per-round operations/s of each side, medians and ratios. */
import { median } from '../http-overhead/report.ts';

export type SignInRound = {
  operationsPerSecond: number;
  cpuMicrosPerOperation: number;
  p50Ms: number;
  p99Ms: number;
};
export type SignInSide = { name: string; rounds: SignInRound[] };

/** Sign-ins/s through the whole server, as a share of what argon2id alone allows. */
export const GOAL_RATIO = 0.85;

const cell = (value: number | string, width: number, digits = 0) =>
  (typeof value === 'number' ? value.toFixed(digits) : value).padStart(width);

export function formatSignInReport(baseline: SignInSide, subject: SignInSide): string {
  const roundCount = baseline.rounds.length;
  const lines = [
    'target              ' +
      Array.from({ length: roundCount }, (_, i) => cell(`round ${i + 1}`, 9)).join('') +
      cell('median', 9) +
      cell('CPU µs/op', 11) +
      cell('p50 ms', 8) +
      cell('p99 ms', 8),
  ];
  const summary = (side: SignInSide) => ({
    ops: median(side.rounds.map((r) => r.operationsPerSecond)),
    cpu: median(side.rounds.map((r) => r.cpuMicrosPerOperation)),
  });
  for (const side of [baseline, subject]) {
    const { ops, cpu } = summary(side);
    lines.push(
      side.name.padEnd(20) +
        side.rounds.map((r) => cell(r.operationsPerSecond, 9, 1)).join('') +
        cell(ops, 9, 1) +
        cell(cpu, 11) +
        cell(median(side.rounds.map((r) => r.p50Ms)), 8, 1) +
        cell(median(side.rounds.map((r) => r.p99Ms)), 8, 1),
    );
  }
  const base = summary(baseline);
  const sub = summary(subject);
  const ratio = sub.ops / base.ops;
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  lines.push(
    '',
    `${subject.name} / ${baseline.name}, median ops/s:   ${pct(ratio)}  ` +
      `(goal >= ${pct(GOAL_RATIO)}: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'})`,
    `${subject.name} / ${baseline.name}, by CPU per op:  ${pct(base.cpu / sub.cpu)}  ` +
      '(the server process only; the load generator is not counted)',
  );
  return `${lines.join('\n')}\n`;
}
