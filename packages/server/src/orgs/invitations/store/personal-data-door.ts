import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../platform/db/database.ts';
import type { DB } from '../../../platform/db/schema.ts';
import type { InvitationRow } from './invitation-store.ts';

/** Whom a personal-data export or erasure is about: their normalized address and user id. */
export type InvitationSubject = { userId: string; emailNormalized: string };

/**
 * A GDPR export or erasure of one user, across organizations: a transaction that
 * opens the personal-data door (migrations 0012, 0015), which shows the invitations
 * addressed to the subject's address or naming them as inviter or acceptor, and
 * lets erasure delete the former. Forgetting the latter is an update, done in each
 * organization's tenant (forgetUserInInvitations). Nothing else opens this door.
 */
async function throughDoor<T>(
  database: Pick<Database, 'kysely'>,
  subject: InvitationSubject,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return database.kysely.transaction().execute(async (trx) => {
    await sql`SELECT set_config('keystone.personal_data_email', ${subject.emailNormalized}, true),
                     set_config('keystone.personal_data_user', ${subject.userId}, true)`.execute(trx);
    return work(trx);
  });
}

export async function listInvitationsAbout(
  database: Pick<Database, 'kysely'>,
  subject: InvitationSubject,
): Promise<InvitationRow[]> {
  return throughDoor(database, subject, (trx) =>
    trx
      .selectFrom('org_invitations')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('email_normalized', '=', subject.emailNormalized),
          eb('invited_by', '=', subject.userId),
          eb('accepted_by', '=', subject.userId),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );
}

/**
 * Deletes the invitations addressed to the subject, and answers the organizations whose
 * invitations still name them as inviter or acceptor (forgetting them there happens in
 * each organization's tenant: see forgetUserInInvitations).
 */
export async function deleteInvitationsTo(
  database: Pick<Database, 'kysely'>,
  subject: InvitationSubject,
): Promise<string[]> {
  return throughDoor(database, subject, async (trx) => {
    await trx.deleteFrom('org_invitations').where('email_normalized', '=', subject.emailNormalized).execute();
    const rows = await trx
      .selectFrom('org_invitations')
      .select('org_id')
      .distinct()
      .where((eb) => eb.or([eb('invited_by', '=', subject.userId), eb('accepted_by', '=', subject.userId)]))
      .execute();
    return rows.map((row) => row.org_id);
  });
}
