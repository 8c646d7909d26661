/** Evaluations per second of one side, cycling through the bench contexts for a fixed time. */
import { type BenchContext, CONTEXT_COUNT, contexts } from './banner-flag.ts';

type Evaluated = { value: unknown };

let sink = 0;

/** A synchronous evaluator (an evaluator called directly). */
export function measureSync(evaluate: (context: BenchContext) => Evaluated, seconds: number): number {
  let evaluations = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let now = started;
  while (now < deadline) {
    for (const context of contexts) if (evaluate(context).value === 'R') sink++;
    evaluations += CONTEXT_COUNT;
    now = performance.now();
  }
  return evaluations / ((now - started) / 1000);
}

/** An evaluation API that answers a promise (OpenFeature's), awaited one at a time as callers do. */
export async function measureAsync(
  evaluate: (context: BenchContext) => Promise<unknown>,
  seconds: number,
): Promise<number> {
  let evaluations = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let now = started;
  while (now < deadline) {
    for (const context of contexts) if ((await evaluate(context)) === 'R') sink++;
    evaluations += CONTEXT_COUNT;
    now = performance.now();
  }
  return evaluations / ((now - started) / 1000);
}

/** Keeps the results observable, so no engine can drop the evaluations as dead code. */
export function evaluationSink(): number {
  return sink;
}

export function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}
