import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../platform/config/config.ts';
import { acquireDataDirLock } from '../platform/db/data-dir-lock.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';

/**
 * The database for a CLI command. On embedded PGlite it takes the data directory
 * lock, so a command never runs beside a server on the same files.
 */
export async function openCliDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl)
    return openDatabase({
      databaseUrl: config.databaseUrl,
      appDatabaseUrl: config.appDatabaseUrl,
      poolSize: 2,
    });
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const release = acquireDataDirLock(config.dataDir);
  try {
    const database = await openDatabase({ dataDir: path.join(config.dataDir, 'pgdata') });
    return {
      ...database,
      async close() {
        await database.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
