import type { MaybePromise } from '../http/sync-hook.ts';
import type { RateLimitPolicy } from './gcra.ts';

export type RateLimitOutcome = { allowed: boolean; tat: number };

/**
 * Where GCRA state lives. `hit` applies one request to `key` atomically and
 * returns the engine's outcome (see gcra.ts `step`); it never decides policy.
 * `peek` says what `hit` would answer now without changing the key (gcra.ts `peek`).
 * The memory store answers synchronously, so the hot path waits for nothing.
 */
export type RateLimitStore = {
  readonly kind: 'memory' | 'redis';
  hit(key: string, policy: RateLimitPolicy, nowMs: number): MaybePromise<RateLimitOutcome>;
  peek(key: string, policy: RateLimitPolicy, nowMs: number): MaybePromise<RateLimitOutcome>;
  close(): Promise<void>;
};
