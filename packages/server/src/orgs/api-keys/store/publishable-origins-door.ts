import { sql } from 'kysely';
import type { Database } from '../../../platform/db/database.ts';

/**
 * Every allowed origin of every live publishable key, across tenants: a
 * transaction that opens the `keystone.publishable_key_origins` door (migration
 * 0016), which shows unrevoked publishable keys and nothing else. Read only.
 */
export async function listPublishableKeyOrigins(database: Pick<Database, 'kysely'>): Promise<string[]> {
  return database.kysely.transaction().execute(async (trx) => {
    await sql`SELECT set_config('keystone.publishable_key_origins', 'read', true)`.execute(trx);
    const rows = await trx
      .selectFrom('api_keys')
      .select(sql<string>`unnest(allowed_origins)`.as('origin'))
      .where('kind', '=', 'publishable')
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .execute();
    return rows.map((row) => row.origin);
  });
}
