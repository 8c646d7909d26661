import { sql } from 'kysely';
import type { Database } from '../../../platform/db/database.ts';
import type { ApiKeyRow } from './api-key-store.ts';

/**
 * Authentication's read of one key, before anyone knows its organization: a
 * transaction that opens the `keystone.api_key_lookup` door (migration 0011),
 * which shows exactly the row with that lookup id and nothing else. Read only:
 * verifying a key never writes.
 */
export async function findApiKeyByLookup(
  database: Pick<Database, 'kysely'>,
  lookup: string,
): Promise<ApiKeyRow | undefined> {
  return database.kysely.transaction().execute(async (trx) => {
    await sql`SELECT set_config('keystone.api_key_lookup', ${lookup}, true)`.execute(trx);
    return trx.selectFrom('api_keys').selectAll().where('lookup', '=', lookup).executeTakeFirst();
  });
}
