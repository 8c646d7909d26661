/** The printed result: per-round requests/s and CPU per request for each target, medians and ratios. */
export type RoundResult = {
  requestsPerSecond: number;
  cpuMicrosPerRequest: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
};
export type SideResults = { name: string; rounds: RoundResult[] };

export const GOAL_RATIO = 0.5;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function cell(value: number | string, width: number, digits = 0): string {
  return (typeof value === 'number' ? value.toFixed(digits) : value).padStart(width);
}

/** `baseline` is bare Fastify, `subject` is Keystone. Returns the text to print. */
export function formatReport(baseline: SideResults, subject: SideResults): string {
  const roundCount = baseline.rounds.length;
  const lines = [
    'target        ' +
      Array.from({ length: roundCount }, (_, i) => cell(`round ${i + 1}`, 10)).join('') +
      cell('median', 10) +
      cell('CPU µs/req', 12) +
      cell('p50 ms', 8) +
      cell('p99 ms', 8),
  ];
  const summary = (side: SideResults) => ({
    rps: median(side.rounds.map((r) => r.requestsPerSecond)),
    cpu: median(side.rounds.map((r) => r.cpuMicrosPerRequest)),
  });
  for (const side of [baseline, subject]) {
    const { rps, cpu } = summary(side);
    lines.push(
      side.name.padEnd(14) +
        side.rounds.map((r) => cell(r.requestsPerSecond, 10)).join('') +
        cell(rps, 10) +
        cell(cpu, 12, 1) +
        cell(median(side.rounds.map((r) => r.latencyP50Ms)), 8, 1) +
        cell(median(side.rounds.map((r) => r.latencyP99Ms)), 8, 1),
    );
  }
  const base = summary(baseline);
  const sub = summary(subject);
  const ratio = sub.rps / base.rps;
  const cpuRatio = base.cpu / sub.cpu;
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  lines.push(
    '',
    `${subject.name} / ${baseline.name}, median req/s:          ${pct(ratio)}  ` +
      `(goal >= ${pct(GOAL_RATIO)}: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'})`,
    `${subject.name} / ${baseline.name}, by server CPU per request: ${pct(cpuRatio)}  ` +
      '(req/s each would reach on a core of its own)',
  );
  return `${lines.join('\n')}\n`;
}
