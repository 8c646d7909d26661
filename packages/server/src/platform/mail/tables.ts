import type { Generated } from 'kysely';

/** The development outbox (0007): mail kept instead of sent when SMTP_URL is unset. */
export type MailOutboxTable = {
  id: string;
  from_address: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  created_at: Generated<Date>;
};

export type MailTables = { mail_outbox: MailOutboxTable };
