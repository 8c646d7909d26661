/**
 * Feature flags (issue 8): the instance's environments, flags and segments with versions, rollback and
 * the kill switch, the change feed that carries every change to every process, and the flag set the
 * evaluation side serves.
 */
import type { Database } from '../platform/db/database.ts';
import { withInstanceTenant } from '../platform/db/instance-tenant.ts';
import './errors.ts';
import { type FlagChangeFeed, inProcessFlagChangeFeed } from './service/change-feed.ts';
import { createFlagService, type FlagService } from './service/flag-service.ts';
import { postgresFlagChangeFeed } from './service/postgres-change-feed.ts';
import { readFlagSetVersion } from './store/flag-set-version.ts';

export { flagsRoutes } from './routes/index.ts';
export type { FlagChangeFeed } from './service/change-feed.ts';
export type { FlagService } from './service/flag-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Feature flags (see flags/). */
    flags: FlagService;
  }
}

/**
 * The flag service with its change feed: on PostgreSQL with a URL to LISTEN on, changes from every
 * process reach this one; otherwise (PGlite, or no URL) the feed is in-process.
 */
export async function createFlagsModule(deps: {
  database: Database;
  /** A PostgreSQL URL for the feed's LISTEN connection (DATABASE_APP_URL or DATABASE_URL). */
  listenUrl?: string | undefined;
  onError?: (error: unknown) => void;
}): Promise<FlagService> {
  const { database } = deps;
  const feed: FlagChangeFeed =
    database.backend === 'postgres' && deps.listenUrl
      ? await postgresFlagChangeFeed({
          connectionString: deps.listenUrl,
          currentVersion: () => withInstanceTenant(database, readFlagSetVersion),
          ...(deps.onError ? { onError: deps.onError } : {}),
        })
      : inProcessFlagChangeFeed();
  return createFlagService({ database, feed });
}
