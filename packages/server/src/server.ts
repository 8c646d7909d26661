import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { seedDemoAccess } from './access/service/demo-access.ts';
import { buildApp, type ExtraPluginOptions } from './app.ts';
import { type DemoUser, seedDemoUser } from './identity/service/demo-user.ts';
import {
  type AdminKeyBootstrap,
  ensureInstanceAdminKey,
} from './orgs/api-keys/service/instance-admin-key.ts';
import { ensureOperatorKey, type OperatorKeyBootstrap } from './platform/auth/operator-keys.ts';
import type { Config } from './platform/config/config.ts';
import type { EnvelopeEncryption } from './platform/crypto/envelope-encryption.ts';
import { loadEnvelopeEncryption, type MasterKeyInfo } from './platform/crypto/load-encryption.ts';
import { acquireDataDirLock } from './platform/db/data-dir-lock.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { DEMO_ORG_ID, type DemoData, seedDemoData } from './platform/demo/seed-demo-data.ts';

/** A running Keystone: the database opened and migrated, the HTTP app built (not yet listening). */
export type Server = {
  app: FastifyInstance;
  database: Database;
  operatorKey: OperatorKeyBootstrap;
  /** The instance administration API key (KEYSTONE_ADMIN_KEY, or made on the first start and shown once). */
  adminKey: AdminKeyBootstrap;
  /** What demo data this instance has (KEYSTONE_DEMO_DATA), for the start banner. */
  demo: DemoData | undefined;
  /** The demo user's credentials (KEYSTONE_DEMO_DATA), for the start banner. */
  demoUser: DemoUser | undefined;
  /** The demo organization's access-control store, seeded with docs/access.md's model (KEYSTONE_DEMO_DATA). */
  demoAccessStoreId: string | undefined;
  /** Envelope encryption for secrets that must be read back; `masterKey` says where its KEK came from. */
  encryption: EnvelopeEncryption;
  masterKey: MasterKeyInfo;
  close(): Promise<void>;
};

export async function createServer(
  config: Config,
  options: { plugins?: FastifyPluginAsync<ExtraPluginOptions>[]; logStream?: NodeJS.WritableStream } = {},
): Promise<Server> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // PGlite is one process's database: a second server on the same directory would corrupt it.
  const releaseLock = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    appDatabaseUrl: config.appDatabaseUrl,
    dataDir: path.join(config.dataDir, 'pgdata'),
  });
  const operatorKey = await ensureOperatorKey(database, {
    dataDir: config.dataDir,
    fromEnv: config.operatorKey,
  });
  // A wrong or lost master key stops the start; close what is open so the message is the only effect.
  const { encryption, masterKey } = await loadEnvelopeEncryption(database, config).catch(async (error) => {
    await database.close();
    releaseLock();
    throw error;
  });
  const adminKey = await ensureInstanceAdminKey(database, { fromEnv: config.adminKey });
  const demo = config.demoData ? await seedDemoData(database) : undefined;
  const app = await buildApp({ config, database, encryption, ...options });
  const demoUser = config.demoData ? await seedDemoUser(database, app.identity.hasher) : undefined;
  if (demoUser) await app.orgs.seedDemoOrganization({ ownerId: demoUser.id });
  const demoAccessStoreId = demoUser ? await seedDemoAccess(app.access, DEMO_ORG_ID) : undefined;
  if (masterKey.warning) app.log.warn({ kekId: masterKey.kekId }, masterKey.warning);
  return {
    app,
    database,
    operatorKey,
    adminKey,
    demo,
    demoUser,
    demoAccessStoreId,
    encryption,
    masterKey,
    async close() {
      // Fastify drains in-flight requests (new ones get 503) before the database closes.
      await app.close();
      await database.close();
      releaseLock();
    },
  };
}
