import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/platform/db/database.ts';
import { pgliteTemplate } from './pglite-template.ts';
import { createPostgresDatabase, testBackend } from './test-database.ts';

/**
 * Environment for spawned servers on this pass's backend. On PGlite each call
 * gives its own data directory (a PGlite directory belongs to one process),
 * pre-loaded from the migrated template so the server skips a slow initdb; on
 * PostgreSQL every server of one `serverBackendEnv` shares one fresh database.
 */
export async function serverBackendEnv(): Promise<{
  /** Environment for the next server; call once per server process. */
  next(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}> {
  const dirs: string[] = [];
  const database = testBackend === 'postgres' ? await createPostgresDatabase() : undefined;
  // Servers sharing a database share its master key, as in production (KEYSTONE_MASTER_KEY).
  const masterKey = randomBytes(32).toString('base64');
  return {
    async next(): Promise<Record<string, string>> {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-spawned-'));
      dirs.push(dataDir);
      if (database) {
        return {
          KEYSTONE_DATA_DIR: dataDir,
          DATABASE_URL: database.url,
          DATABASE_APP_URL: database.appUrl,
          KEYSTONE_MASTER_KEY: masterKey,
        };
      }
      // The server keeps PGlite in <data dir>/pgdata (server.ts).
      const seeded = await openDatabase({
        dataDir: path.join(dataDir, 'pgdata'),
        loadDataDir: await pgliteTemplate(),
      });
      await seeded.close();
      return { KEYSTONE_DATA_DIR: dataDir };
    },
    async cleanup() {
      await database?.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
