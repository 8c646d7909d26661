/**
 * The rate-limit decision engine: GCRA (generic cell rate algorithm), pure, no
 * I/O and no clock: the caller passes the time. A policy "limit per window"
 * lets a burst of `limit` requests through, then one more every
 * `window / limit`. The only state per key is the theoretical arrival time
 * (TAT, integer milliseconds): when the bucket is full again. Unlike a fixed
 * window there is no boundary at which 2× the limit can slip through.
 *
 * The Redis store runs the same `step` in Lua (redis-store.ts); keep them in step.
 * Its `peek` reads the key and calls `peek` here, so that math lives only in this file.
 */
export type RateLimitPolicy = {
  /** Policy name, shown in the RateLimit headers ("ip", "credential", ...). */
  name: string;
  /** Requests allowed per window (the burst size). */
  limit: number;
  windowSeconds: number;
};

export type RateLimitDecision = {
  allowed: boolean;
  policy: RateLimitPolicy;
  /** Requests still allowed right now, after this one. */
  remaining: number;
  /** Seconds until the full quota is available again. */
  resetSeconds: number;
  /** Seconds until the next request would be allowed (0 when this one was). */
  retryAfterSeconds: number;
};

/** Milliseconds between two requests at the sustained rate (whole ms, so Lua and JS agree exactly). */
export function emissionIntervalMs(policy: RateLimitPolicy): number {
  return Math.max(1, Math.ceil((policy.windowSeconds * 1000) / policy.limit));
}

/** How far ahead of now the TAT may run: `limit` intervals, i.e. one full burst. */
function burstMs(policy: RateLimitPolicy): number {
  return emissionIntervalMs(policy) * policy.limit;
}

/**
 * One request against a key. `storedTat` is the key's state (undefined when
 * new or expired); returns whether it is allowed and the state to store (when
 * refused the state is unchanged: refused requests cost nothing).
 */
export function step(
  storedTat: number | undefined,
  policy: RateLimitPolicy,
  nowMs: number,
): { allowed: boolean; tat: number } {
  const tat = Math.max(storedTat ?? nowMs, nowMs);
  const next = tat + emissionIntervalMs(policy);
  if (next - nowMs > burstMs(policy)) return { allowed: false, tat };
  return { allowed: true, tat: next };
}

/**
 * Whether one more request would be allowed now, without counting it: the
 * outcome `step` would have, which the caller must not store. The per-IP layer
 * looks before authentication this way, and charges only if authentication fails.
 */
export function peek(
  storedTat: number | undefined,
  policy: RateLimitPolicy,
  nowMs: number,
): { allowed: boolean; tat: number } {
  return step(storedTat, policy, nowMs);
}

/** Turns a step's outcome into what the client is told. */
export function describe(
  policy: RateLimitPolicy,
  outcome: { allowed: boolean; tat: number },
  nowMs: number,
): RateLimitDecision {
  const interval = emissionIntervalMs(policy);
  const ahead = Math.max(0, outcome.tat - nowMs);
  const resetSeconds = Math.ceil(ahead / 1000);
  if (outcome.allowed) {
    const remaining = Math.max(0, Math.floor((burstMs(policy) - ahead) / interval));
    return { allowed: true, policy, remaining, resetSeconds, retryAfterSeconds: 0 };
  }
  // The next request fits once the TAT has fallen to one interval short of a full burst.
  const waitMs = ahead + interval - burstMs(policy);
  return {
    allowed: false,
    policy,
    remaining: 0,
    resetSeconds,
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  };
}

/** Convenience for tests and the in-memory store: step + describe. */
export function decide(
  storedTat: number | undefined,
  policy: RateLimitPolicy,
  nowMs: number,
): { decision: RateLimitDecision; tat: number } {
  const outcome = step(storedTat, policy, nowMs);
  return { decision: describe(policy, outcome, nowMs), tat: outcome.tat };
}
