import type { Database } from '../db/database.ts';
import { newId } from '../ids.ts';

/**
 * The development outbox table (migration 0007). Instance-level, no tenant:
 * mail is addressed to people, not organizations, and only an operator reads it.
 */
export type OutboxMail = {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: Date;
};

export async function keepInOutbox(
  database: Pick<Database, 'kysely'>,
  mail: { from: string; to: string; subject: string; text: string; html?: string | undefined },
): Promise<string> {
  const id = newId('mail');
  await database.kysely
    .insertInto('mail_outbox')
    .values({
      id,
      from_address: mail.from,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
    })
    .execute();
  return id;
}

/** The newest mails first, optionally only those to one address (compared case-insensitively). */
export async function recentOutboxMail(
  database: Pick<Database, 'kysely'>,
  options: { limit: number; to?: string | undefined },
): Promise<OutboxMail[]> {
  let query = database.kysely.selectFrom('mail_outbox').selectAll();
  if (options.to)
    query = query.where((eb) => eb(eb.fn('lower', ['to_address']), '=', options.to?.toLowerCase()));
  // Ids are time-ordered: a stable order even for mails kept in the same instant.
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    from: row.from_address,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    createdAt: row.created_at,
  }));
}
