import type { Generated } from 'kysely';

/**
 * The Kysely view of every table. Each module declares its tables in its own
 * `store/tables.ts` and adds them here, so a query is typed end to end.
 */
export type KeystoneMigrationsTable = {
  version: number;
  name: string;
  checksum: string;
  applied_at: Date;
};

export type OperatorKeysTable = {
  id: string;
  name: string;
  lookup: string;
  secret_hash: string;
  created_at: Generated<Date>;
  revoked_at: Date | null;
};

export type PlatformTables = {
  keystone_migrations: KeystoneMigrationsTable;
  operator_keys: OperatorKeysTable;
};

export type DB = PlatformTables;
