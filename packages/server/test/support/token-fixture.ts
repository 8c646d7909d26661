import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTokenService, type TokenService } from '../../src/identity/tokens/token-service.ts';
import { type Config, loadConfig } from '../../src/platform/config/config.ts';
import {
  createEnvelopeEncryption,
  type EnvelopeEncryption,
} from '../../src/platform/crypto/envelope-encryption.ts';
import { generateKek } from '../../src/platform/crypto/master-key.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { openTestDatabase, type TestDatabase } from './test-database.ts';

/**
 * A throwaway database, envelope encryption and token services on it, all on
 * one clock the test moves (`clock.now`, epoch ms).
 */
export type TokenFixture = {
  database: TestDatabase;
  encryption: EnvelopeEncryption;
  config: Config;
  clock: { now: number };
  dataDir: string;
  /** A token service on this fixture's clock (another database or config may be given). */
  service(options?: { database?: Database; env?: Record<string, string> }): TokenService;
  configWith(env?: Record<string, string>): Config;
  close(): Promise<void>;
};

export const TEST_ISSUER = 'https://id.example.test';

export async function openTokenFixture(env: Record<string, string> = {}): Promise<TokenFixture> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-tokens-'));
  const configWith = (extra: Record<string, string> = {}) =>
    loadConfig({
      KEYSTONE_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: '0',
      KEYSTONE_PUBLIC_URL: TEST_ISSUER,
      ...env,
      ...extra,
    });
  const config = configWith();
  const database = await openTestDatabase();
  const encryption = createEnvelopeEncryption(generateKek());
  const clock = { now: Date.now() };
  return {
    database,
    encryption,
    config,
    clock,
    dataDir,
    configWith,
    service: (options = {}) =>
      createTokenService({
        database: options.database ?? database,
        encryption,
        config: options.env ? configWith(options.env) : config,
        now: () => clock.now,
      }),
    async close() {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
