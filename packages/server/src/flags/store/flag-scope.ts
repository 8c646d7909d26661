import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import type { FlagsTables } from './tables.ts';

/** The scope's transaction, typed with the flag tables as well. */
export function flagDb(scope: TenantScope): Transaction<DB & FlagsTables> {
  return scope.db.withTables<FlagsTables>() as Transaction<DB & FlagsTables>;
}

/** bigint columns come back as strings from node-postgres and as numbers from PGlite. */
export function toNumber(value: string | number | bigint): number {
  return Number(value);
}
