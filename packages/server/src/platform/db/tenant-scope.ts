import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './database.ts';
import type { DB } from './schema.ts';

/**
 * The data layer's two doors. A store function that touches tenant data takes a
 * `TenantScope`, and the only way to get one is `withTenant(orgId)`, which opens
 * a transaction bound to that organization: the first wall is the type, the
 * second is row-level security keyed on the same setting.
 */
export type TenantScope = {
  readonly orgId: string;
  readonly db: Transaction<DB>;
  /**
   * The same object for every scope of one database, never for two databases: a key
   * for per-database memos (the audit chain heads). Not a way to query.
   */
  readonly databaseKey: object;
};

/** Instance-level data (users, sessions, idempotency): no organization bound, tenant tables show nothing. */
export type InstanceScope = {
  readonly db: Kysely<DB> | Transaction<DB>;
};

export async function withTenant<T>(
  database: Pick<Database, 'kysely'>,
  orgId: string,
  work: (scope: TenantScope) => Promise<T>,
): Promise<T> {
  if (!orgId) throw new Error('withTenant needs an organization id');
  return database.kysely.transaction().execute(async (trx) => {
    await sql`SELECT set_config('keystone.org_id', ${orgId}, true)`.execute(trx);
    return work({ orgId, db: trx, databaseKey: database.kysely });
  });
}

export async function withInstanceTransaction<T>(
  database: Pick<Database, 'kysely'>,
  work: (scope: InstanceScope & { db: Transaction<DB> }) => Promise<T>,
): Promise<T> {
  return database.kysely.transaction().execute((trx) => work({ db: trx }));
}

export function instanceScope(database: Pick<Database, 'kysely'>): InstanceScope {
  return { db: database.kysely };
}
