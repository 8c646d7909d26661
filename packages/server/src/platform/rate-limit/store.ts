import type { RateLimitPolicy } from './gcra.ts';

/**
 * Where GCRA state lives. `hit` applies one request to `key` atomically and
 * returns the engine's outcome (see gcra.ts `step`); it never decides policy.
 */
export type RateLimitStore = {
  readonly kind: 'memory' | 'redis';
  hit(key: string, policy: RateLimitPolicy, nowMs: number): Promise<{ allowed: boolean; tat: number }>;
  close(): Promise<void>;
};
