import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * The few raw SQL operations the migrator and operator tools need, over either
 * backend, without Kysely: migrations must run before the application role is
 * assumed, on a session of their own (advisory locks are per session).
 */
export type SqlRunner = {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs a script of several statements (a migration file). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
};

export function pgliteRunner(pglite: PGlite): SqlRunner {
  return {
    async query<R>(sql: string, params: unknown[] = []) {
      return (await pglite.query<R>(sql, params)).rows;
    },
    async exec(sql) {
      await pglite.exec(sql);
    },
    // The PGlite instance belongs to the Database; the runner does not close it.
    async close() {},
  };
}

export async function postgresRunner(connectionString: string): Promise<SqlRunner> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    async query<R>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as R[];
    },
    async exec(sql) {
      await client.query(sql);
    },
    async close() {
      await client.end();
    },
  };
}
