import type { Database } from '../../../platform/db/database.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';
import { recordLastUsed } from '../store/api-key-store.ts';

/**
 * Last-used times without a write per request: verifying a key notes the use in
 * memory; every few seconds (and on close) one UPDATE per organization moves
 * `last_used_at` forward to the latest use in the batch, so a time is precise to
 * the interval. A crash loses at most one interval of last-used times, which
 * only a console ever shows.
 */
export type LastUsedBatcher = {
  note(keyId: string, orgId: string, at: Date): void;
  flush(): Promise<void>;
  close(): Promise<void>;
};

export function createLastUsedBatcher(
  database: Pick<Database, 'kysely'>,
  options: { intervalMs: number; onError: (error: unknown) => void },
): LastUsedBatcher {
  let pending = new Map<string, { orgId: string; at: Date }>();
  let flushing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    flush().catch(options.onError);
  }, options.intervalMs);
  // A pending batch never keeps a process alive; close() flushes it.
  timer.unref();

  function flush(): Promise<void> {
    const batch = pending;
    pending = new Map();
    // One flush at a time, in order, so a later time is never overwritten by an earlier one.
    flushing = flushing.catch(() => {}).then(() => write(batch));
    return flushing;
  }

  async function write(batch: Map<string, { orgId: string; at: Date }>): Promise<void> {
    const byOrg = new Map<string, { at: Date; ids: string[] }>();
    for (const [keyId, use] of batch) {
      const group = byOrg.get(use.orgId) ?? { at: use.at, ids: [] };
      group.ids.push(keyId);
      if (use.at > group.at) group.at = use.at;
      byOrg.set(use.orgId, group);
    }
    for (const [orgId, group] of byOrg) {
      await withTenant(database, orgId, (scope) => recordLastUsed(scope, group.at, group.ids));
    }
  }

  return {
    note(keyId, orgId, at) {
      pending.set(keyId, { orgId, at });
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
