import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { pgliteTemplate } from './pglite-template.ts';

/**
 * Which backend this test process runs against: `KEYSTONE_TEST_BACKEND` is
 * `pglite` (default) or `postgres`. Every call makes a new throwaway database;
 * on PostgreSQL it is created on the server and dropped when the test closes it.
 */
export type TestBackend = 'pglite' | 'postgres';

export const testBackend: TestBackend =
  process.env.KEYSTONE_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';

export const POSTGRES_ADMIN_URL =
  process.env.KEYSTONE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = Database & {
  /** The database's own URL (PostgreSQL only), for child server processes. */
  url: string | undefined;
};

/** Creates an empty PostgreSQL database and returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{
  url: string;
  appUrl: string;
  drop(): Promise<void>;
}> {
  const name = `keystone_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  // The application logs in as keystone_app itself (trust auth here), as production should.
  const appUrl = new URL(url);
  appUrl.username = 'keystone_app';
  appUrl.password = '';
  return {
    url: url.toString(),
    appUrl: appUrl.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function openTestDatabase(backend: TestBackend = testBackend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://', loadDataDir: await pgliteTemplate() });
    return { ...database, url: undefined };
  }
  const created = await createPostgresDatabase();
  const database = await openDatabase({
    databaseUrl: created.url,
    appDatabaseUrl: created.appUrl,
    poolSize: 5,
  });
  return {
    ...database,
    url: created.url,
    async close() {
      await database.close();
      await created.drop();
    },
  };
}
