import { peek, type RateLimitPolicy, step } from './gcra.ts';
import type { RateLimitOutcome, RateLimitStore } from './store.ts';

/** The memory store answers at once: no promise, no microtask. */
export type MemoryStore = Omit<RateLimitStore, 'hit' | 'peek'> & {
  hit(key: string, policy: RateLimitPolicy, nowMs: number): RateLimitOutcome;
  peek(key: string, policy: RateLimitPolicy, nowMs: number): RateLimitOutcome;
};

/** Bounds memory under a flood of distinct keys (e.g. spoofed IPs behind a trusted proxy). */
const DEFAULT_MAX_KEYS = 100_000;
const SWEEP_EVERY = 1_000;

/**
 * Per-process GCRA state in a Map. The default store, and the fallback when
 * Redis is unreachable. Expired keys (TAT in the past: a full bucket) are swept
 * every SWEEP_EVERY hits; past `maxKeys` the oldest keys are dropped, which
 * only ever errs towards letting a request through.
 */
export function createMemoryStore(options: { maxKeys?: number } = {}): MemoryStore {
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const tats = new Map<string, number>();
  let hits = 0;

  function sweep(nowMs: number): void {
    for (const [key, tat] of tats) if (tat <= nowMs) tats.delete(key);
    // Map iterates in insertion order: the first keys are the oldest.
    for (const key of tats.keys()) {
      if (tats.size <= maxKeys) break;
      tats.delete(key);
    }
  }

  return {
    kind: 'memory',
    hit(key: string, policy: RateLimitPolicy, nowMs: number) {
      if (++hits % SWEEP_EVERY === 0 || tats.size > maxKeys) sweep(nowMs);
      const outcome = step(tats.get(key), policy, nowMs);
      if (outcome.allowed) {
        // Once the map is half full, re-insert so that insertion order tracks recency for the size
        // bound; below that nothing is evicted, and an update in place is cheaper.
        if (tats.size > maxKeys / 2) tats.delete(key);
        tats.set(key, outcome.tat);
      }
      return outcome;
    },
    peek(key: string, policy: RateLimitPolicy, nowMs: number) {
      return peek(tats.get(key), policy, nowMs);
    },
    async close() {
      tats.clear();
    },
  };
}
