/** How a target process tells the runner where to send load: one stdout line, `BENCH_TARGET {json}`. */
export type TargetInfo = { port: number; path: string; headers: Record<string, string> };

export const TARGET_MARKER = 'BENCH_TARGET ';

export function announceTarget(info: TargetInfo): void {
  process.stdout.write(`${TARGET_MARKER}${JSON.stringify(info)}\n`);
}

/**
 * The runner asks each target for its CPU time around every round (over the IPC
 * channel): CPU per request is steadier than requests/s on a busy machine.
 */
export function answerCpuQueries(): void {
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.(process.cpuUsage());
  });
}
