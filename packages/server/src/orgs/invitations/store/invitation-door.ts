import { sql } from 'kysely';
import type { Database } from '../../../platform/db/database.ts';
import type { InvitationRow } from './invitation-store.ts';

/**
 * The read of one invitation by its token, before anyone knows its organization:
 * a transaction that opens the `keystone.invitation_lookup` door (migration 0010),
 * which shows exactly the row with that lookup id. Read only: what follows (the
 * organization's name, the acceptance) happens in that organization's tenant.
 */
export async function findInvitationByLookup(
  database: Pick<Database, 'kysely'>,
  lookup: string,
): Promise<InvitationRow | undefined> {
  return database.kysely.transaction().execute(async (trx) => {
    await sql`SELECT set_config('keystone.invitation_lookup', ${lookup}, true)`.execute(trx);
    return trx.selectFrom('org_invitations').selectAll().where('lookup', '=', lookup).executeTakeFirst();
  });
}
