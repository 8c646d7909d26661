import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPostgresDatabase, testBackend } from './test-database.ts';

/**
 * Environment for spawned servers on this pass's backend. On PGlite each call
 * gives its own data directory (a PGlite directory belongs to one process); on
 * PostgreSQL every server of one `serverBackendEnv` shares one fresh database.
 */
export async function serverBackendEnv(): Promise<{
  /** Environment for the next server; call once per server process. */
  next(): Record<string, string>;
  cleanup(): Promise<void>;
}> {
  const dirs: string[] = [];
  const database = testBackend === 'postgres' ? await createPostgresDatabase() : undefined;
  return {
    next() {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-spawned-'));
      dirs.push(dataDir);
      return { KEYSTONE_DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}) };
    },
    async cleanup() {
      await database?.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
