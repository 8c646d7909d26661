import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, type DatabaseConnection, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { loadMigrations, migrate } from './migrator.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import { fewerRoundTrips } from './postgres-round-trips.ts';
import type { DB } from './schema.ts';
import { pgliteRunner, postgresRunner, type SqlRunner } from './sql-runner.ts';

/**
 * The system of record: embedded PGlite under the data directory by default,
 * a PostgreSQL server when DATABASE_URL is set. Either way the same migrations
 * run first, and every application query then runs as `keystone_app`, so
 * row-level security applies. Use the scopes in tenant-scope.ts, not `kysely`
 * directly.
 */
export type Database = {
  readonly backend: 'pglite' | 'postgres';
  readonly kysely: Kysely<DB>;
  /** A raw session as the connecting (owner) role, for operator tools. */
  ownerRunner(): Promise<SqlRunner>;
  /** Applied migration versions vs the ones this build has. */
  migrationState(): Promise<{ current: boolean; applied: number; expected: number }>;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  databaseUrl?: string | undefined;
  /**
   * PostgreSQL only: where the application's pool logs in, as `keystone_app` (or
   * a role granted it). Without it the pool logs in as DATABASE_URL's role and
   * switches with SET ROLE, which a session could undo with RESET ROLE.
   */
  appDatabaseUrl?: string | undefined;
  /** Data directory for PGlite; `memory://` keeps it in memory. */
  dataDir?: string | undefined;
  /** A dumped PGlite data directory to start from (tests use a migrated template). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
};

const ASSUME_APP_ROLE = CompiledQuery.raw('SET ROLE keystone_app');

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.appDatabaseUrl, options.poolSize ?? 10)
    : openPglite(options);
}

async function openPostgres(
  connectionString: string,
  appConnectionString: string | undefined,
  poolSize: number,
): Promise<Database> {
  const migrationRunner = await postgresRunner(connectionString);
  try {
    await migrate(migrationRunner);
  } finally {
    await migrationRunner.close();
  }
  if (appConnectionString) await refuseBypassingRole(appConnectionString);
  const pool = new pg.Pool({ connectionString: appConnectionString ?? connectionString, max: poolSize });
  // A connection error on an idle client must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  fewerRoundTrips(pool);
  const kysely = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection: DatabaseConnection) => {
        // Logged in as the app role already, or stepping down to it from the owner.
        await connection.executeQuery(ASSUME_APP_ROLE);
      },
    }),
  });
  return {
    backend: 'postgres',
    kysely,
    ownerRunner: () => postgresRunner(connectionString),
    migrationState: () => migrationState(kysely),
    close: () => kysely.destroy(),
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const pglite = await PGlite.create(
    dataDir,
    options.loadDataDir ? { loadDataDir: options.loadDataDir } : {},
  );
  const runner = pgliteRunner(pglite);
  await migrate(runner);
  await runner.exec('SET ROLE keystone_app');
  const kysely = new Kysely<DB>({ dialect: new PgliteDialect(pglite) });
  return {
    backend: 'pglite',
    kysely,
    // PGlite is one session: the owner runner shares it, stepping out of the app role and back.
    async ownerRunner() {
      await pglite.exec('RESET ROLE');
      return { ...runner, close: () => runner.exec('SET ROLE keystone_app') };
    },
    migrationState: () => migrationState(kysely),
    async close() {
      await kysely.destroy();
      // Kysely closes PGlite only if it ever ran a query; a session used only through ownerRunner would leak.
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** The application must never log in as a role that row-level security does not hold. */
async function refuseBypassingRole(appConnectionString: string): Promise<void> {
  const runner = await postgresRunner(appConnectionString);
  try {
    const [role] = await runner.query<{ name: string; bypass: boolean; member: boolean }>(
      `SELECT current_user AS name, rolsuper OR rolbypassrls AS bypass,
              pg_has_role(current_user, 'keystone_app', 'MEMBER') AS member
         FROM pg_roles WHERE rolname = current_user`,
    );
    if (!role || role.bypass) {
      throw new Error(`DATABASE_APP_URL logs in as ${role?.name}, a role that bypasses row-level security`);
    }
    if (!role.member)
      throw new Error(`DATABASE_APP_URL logs in as ${role.name}, which is not granted keystone_app`);
  } finally {
    await runner.close();
  }
}

const expectedMigrations = loadMigrations().length;

async function migrationState(kysely: Kysely<DB>) {
  const row = await sql<{
    applied: number;
  }>`SELECT count(*)::int AS applied FROM keystone_migrations`.execute(kysely);
  const applied = row.rows[0]?.applied ?? 0;
  return { current: applied === expectedMigrations, applied, expected: expectedMigrations };
}
