/**
 * How many requests per key are under way in this process. The per-IP layer
 * holds one for each request that presents a credential, from its peek until
 * authentication answers, and counts the holds as if already charged: peeks
 * alone would let every bad credential that arrives together through to a
 * lookup. A key whose last hold is older than `staleMs` reads as zero, so a
 * request that never reports back cannot keep an address shut; past `maxKeys`
 * the oldest keys are dropped. Both only ever err towards letting a request through.
 */
export type InFlight = {
  count(key: string): number;
  hold(key: string): void;
  release(key: string): void;
};

const DEFAULT_STALE_MS = 10_000;
const DEFAULT_MAX_KEYS = 10_000;

export function createInFlight(
  options: { staleMs?: number; maxKeys?: number; now?: () => number } = {},
): InFlight {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const now = options.now ?? Date.now;
  const held = new Map<string, { count: number; lastHeld: number }>();

  function live(key: string) {
    const entry = held.get(key);
    if (entry && now() - entry.lastHeld > staleMs) {
      held.delete(key);
      return undefined;
    }
    return entry;
  }

  return {
    count: (key) => live(key)?.count ?? 0,
    hold(key) {
      const entry = live(key);
      if (entry) {
        entry.count += 1;
        entry.lastHeld = now();
        return;
      }
      // Map iterates in insertion order: the first key is the oldest.
      if (held.size >= maxKeys) held.delete(held.keys().next().value as string);
      held.set(key, { count: 1, lastHeld: now() });
    },
    release(key) {
      const entry = held.get(key);
      if (!entry) return;
      entry.count -= 1;
      if (entry.count <= 0) held.delete(key);
    },
  };
}
