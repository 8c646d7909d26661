import { sql } from 'kysely';
import type { Database } from '../../../platform/db/database.ts';
import type { ApiKeyRow } from './api-key-store.ts';

/**
 * Authentication's read of one key, before anyone knows its organization: one
 * statement, so one round trip on either backend. `keystone_api_key_by_lookup`
 * (migration 0019) opens the `keystone.api_key_lookup` door (migration 0011),
 * which shows exactly the row with that lookup id and nothing else, reads it and
 * closes the door again; it runs as the application role, so row-level security
 * still decides. Read only: verifying a key never writes, and nothing caches it
 * (a revoked key is refused by every process at once).
 */
export async function findApiKeyByLookup(
  database: Pick<Database, 'kysely'>,
  lookup: string,
): Promise<ApiKeyRow | undefined> {
  const result = await sql<ApiKeyRow>`SELECT * FROM keystone_api_key_by_lookup(${lookup})`.execute(
    database.kysely,
  );
  return result.rows[0];
}
