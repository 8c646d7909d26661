/** How a target process tells the runner where to send load: one stdout line, `BENCH_TARGET {json}`. */
export type TargetInfo = { port: number; path: string; headers: Record<string, string> };

export const TARGET_MARKER = 'BENCH_TARGET ';

export function announceTarget(info: TargetInfo): void {
  process.stdout.write(`${TARGET_MARKER}${JSON.stringify(info)}\n`);
}
