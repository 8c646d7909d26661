import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { PersonalDataParticipant } from '../gdpr/index.ts';

const sameAddress = (email: string) => sql<boolean>`lower(to_address) = lower(${email})`;
// Mail to another address may name this one (an email change notice to the old address).
const mentioning = (email: string) =>
  sql<boolean>`(lower(to_address) = lower(${email})
    OR strpos(lower(subject || ' ' || text_body || ' ' || coalesce(html_body, '')), lower(${email})) > 0)`;

/**
 * The development outbox holds mail sent to users. An export lists what was sent
 * to the user (not the bodies: they carry sign-in links and codes); erasure
 * deletes every message to the address or naming it.
 */
export function outboxPersonalData(database: Pick<Database, 'kysely'>): PersonalDataParticipant {
  return {
    name: 'mail_outbox',
    async exportUser(subject) {
      return database.kysely
        .selectFrom('mail_outbox')
        .select(['id', 'from_address', 'to_address', 'subject', 'created_at'])
        .where(sameAddress(subject.email))
        .orderBy('created_at', 'desc')
        .execute();
    },
    async eraseUser(subject) {
      await database.kysely.deleteFrom('mail_outbox').where(mentioning(subject.email)).execute();
    },
  };
}
