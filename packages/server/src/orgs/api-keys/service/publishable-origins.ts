import type { Database } from '../../../platform/db/database.ts';
import type { OriginAllowList } from '../../../platform/http/cors.ts';
import type { MaybePromise } from '../../../platform/http/sync-hook.ts';
import { listPublishableKeyOrigins } from '../store/publishable-origins-door.ts';

export type PublishableOrigins = OriginAllowList & {
  /** Re-read on the next check: this process created, revoked or rotated a publishable key. */
  invalidate(): void;
};

/**
 * The union of live publishable keys' allowed origins, for CORS preflights, kept
 * in memory: a check answers at once while the set is younger than `refreshMs`,
 * else waits for one shared re-read. So a key revoked by another process stops
 * opening preflights within `refreshMs`; its real requests are refused at once
 * anyway (authentication reads the key's row every time). If a re-read fails, the
 * last set answers and the next check tries again.
 */
export function createPublishableOrigins(deps: {
  database: Pick<Database, 'kysely'>;
  refreshMs: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}): PublishableOrigins {
  const now = deps.now ?? Date.now;
  let origins = new Set<string>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  // Bumped by invalidate(): a read started before a change must not count as fresh after it.
  let generation = 0;
  let applied = -1;
  let loading: { generation: number; done: Promise<void> } | undefined;

  function reload(): Promise<void> {
    if (loading?.generation === generation) return loading.done;
    const started = generation;
    const at = now();
    const done = listPublishableKeyOrigins(deps.database)
      .then((list) => {
        if (started < applied) return;
        origins = new Set(list);
        applied = started;
        if (started === generation) loadedAt = at;
      })
      .finally(() => {
        if (loading?.done === done) loading = undefined;
      });
    loading = { generation: started, done };
    return done;
  }

  return {
    allows(origin: string): MaybePromise<boolean> {
      if (now() - loadedAt < deps.refreshMs) return origins.has(origin);
      return reload().then(
        () => origins.has(origin),
        (error: unknown) => {
          deps.onError?.(error);
          return origins.has(origin);
        },
      );
    },
    invalidate() {
      generation++;
      loadedAt = Number.NEGATIVE_INFINITY;
    },
  };
}
