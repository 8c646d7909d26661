import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { buildApp, type ExtraPluginOptions } from '../../src/app.ts';
import type { PasswordHasher } from '../../src/identity/passwords/password-hasher.ts';
import { ensureOperatorKey } from '../../src/platform/auth/operator-keys.ts';
import { type Config, loadConfig } from '../../src/platform/config/config.ts';
import { openTestDatabase, type TestDatabase } from './test-database.ts';

/** A real Keystone app on a throwaway database, driven with `app.inject` (no port). */
export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  operatorKey: string;
  /** Headers that authenticate as the operator. */
  operator: { 'x-keystone-key': string };
  close(): Promise<void>;
};

export async function startTestApp(
  options: {
    env?: Record<string, string>;
    plugins?: FastifyPluginAsync<ExtraPluginOptions>[];
    logStream?: NodeJS.WritableStream;
    hasher?: PasswordHasher;
  } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-test-'));
  // Load shedding is off unless a test turns it on: PGlite's start-up stalls the loop and would trip it.
  const config = loadConfig({
    KEYSTONE_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...options.env,
  });
  const database = await openTestDatabase();
  const bootstrap = await ensureOperatorKey(database, { dataDir, fromEnv: undefined });
  const operatorKey = bootstrap.plaintext as string;
  const app = await buildApp({
    config,
    database,
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.hasher ? { hasher: options.hasher } : {}),
  });
  return {
    app,
    database,
    config,
    operatorKey,
    operator: { 'x-keystone-key': operatorKey },
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
