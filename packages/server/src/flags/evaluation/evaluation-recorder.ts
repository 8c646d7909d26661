/**
 * Last-evaluated times without a write per request: evaluations are noted in memory (a Set per
 * environment) and written in one batched upsert per environment every few seconds and on close.
 * Precise to the flush interval, which is plenty for "not evaluated in 30 days".
 */
export type EvaluationRecorder = {
  /** These flags were just evaluated in the environment. */
  note(environment: string, keys: Iterable<string>): void;
  noteOne(environment: string, key: string): void;
  /** Writes what is pending now (tests; close does it too). */
  flush(): Promise<void>;
  /** Stops the timer and writes what is pending. */
  close(): Promise<void>;
};

export function createEvaluationRecorder(deps: {
  record: (environment: string, keys: readonly string[], at: Date) => Promise<void>;
  intervalMs: number;
  onError: (error: unknown) => void;
  now?: () => Date;
}): EvaluationRecorder {
  const now = deps.now ?? (() => new Date());
  let pending = new Map<string, Set<string>>();
  let flushing: Promise<void> = Promise.resolve();

  function keysOf(environment: string): Set<string> {
    let keys = pending.get(environment);
    if (!keys) {
      keys = new Set();
      pending.set(environment, keys);
    }
    return keys;
  }

  async function write(batch: Map<string, Set<string>>): Promise<void> {
    const at = now();
    for (const [environment, keys] of batch) {
      try {
        await deps.record(environment, [...keys], at);
      } catch (error) {
        // Kept for the next flush: a lost write would make a used flag look stale.
        for (const key of keys) keysOf(environment).add(key);
        deps.onError(error);
      }
    }
  }

  function flush(): Promise<void> {
    // One flush at a time: PGlite has one connection, and batches stay in order.
    flushing = flushing.then(() => {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      return write(batch);
    });
    return flushing;
  }

  const timer = setInterval(() => void flush(), deps.intervalMs);
  timer.unref();

  return {
    note(environment, keys) {
      const set = keysOf(environment);
      for (const key of keys) set.add(key);
    },
    noteOne(environment, key) {
      keysOf(environment).add(key);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
