/**
 * The flag change feed across processes on one PostgreSQL: a change's transaction runs
 * `pg_notify('keystone_flags', <flag-set version>)`, which PostgreSQL delivers at commit to every session
 * LISTENing on the channel. Each process LISTENs on a dedicated connection (a pooled one would be
 * handed to queries and miss notifications); when that connection drops it reconnects with a backoff
 * and reads the current version, so a change made while it was away is not missed.
 */
import { sql } from 'kysely';
import pg from 'pg';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { type FlagChangeFeed, FlagVersionAnnouncer } from './change-feed.ts';

export const FLAG_CHANNEL = 'keystone_flags';

export type PostgresFeedOptions = {
  /** Where to LISTEN (any role may LISTEN). */
  connectionString: string;
  /** The current flag-set version, read after every (re)connect. */
  currentVersion: () => Promise<number>;
  onError?: (error: unknown) => void;
};

export async function postgresFlagChangeFeed(options: PostgresFeedOptions): Promise<FlagChangeFeed> {
  const announcer = new FlagVersionAnnouncer();
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let backoffMs = 100;
  const report = (error: unknown) => options.onError?.(error);

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.connectionString });
    next.on('notification', (message) => {
      if (message.channel === FLAG_CHANNEL) announcer.heard(Number(message.payload));
    });
    next.on('error', (error) => {
      report(error);
      reconnectLater(next);
    });
    next.on('end', () => reconnectLater(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${FLAG_CHANNEL}`);
    } catch (error) {
      next.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    backoffMs = 100;
    // Anything committed before LISTEN took effect is read here instead.
    announcer.heard(await options.currentVersion());
  }

  /** The LISTEN connection failed or ended: drop it and connect again, backing off while that fails. */
  function reconnectLater(lost: pg.Client): void {
    if (closed || client !== lost) return;
    client = undefined;
    lost.end().catch(() => {});
    scheduleConnect();
  }

  function scheduleConnect(): void {
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (closed) return;
      connect().catch((error) => {
        report(error);
        backoffMs = Math.min(backoffMs * 2, 5_000);
        scheduleConnect();
      });
    }, backoffMs);
    retryTimer.unref();
  }

  await connect();

  return {
    async announceInTransaction(scope: TenantScope, version: number) {
      await sql`SELECT pg_notify(${FLAG_CHANNEL}, ${String(version)})`.execute(scope.db);
    },
    committed: (version) => announcer.heard(version),
    subscribe: (listener) => announcer.subscribe(listener),
    get latest() {
      return announcer.latest;
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const open = client;
      client = undefined;
      await open?.end();
    },
  };
}
