import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { keepInOutbox } from './outbox-store.ts';

/**
 * How Keystone sends mail (verification codes, reset links, sign-in links,
 * invitations). With SMTP_URL it goes out over SMTP; without it, it is kept in
 * the development outbox (the `mail_outbox` table, shown at /dev/outbox) so a
 * fresh instance works with no mail server.
 *
 * Each mail logs one line with the recipient and subject, never the body (it
 * holds codes). Subjects may carry a code too ("123456 is your code"), so the
 * logged subject has digit runs and `ks_…` tokens masked.
 */
export type OutgoingMail = { to: string; subject: string; text: string; html?: string };

export type Mailer = {
  readonly transport: 'smtp' | 'outbox';
  /** Delivers (or keeps) one mail; throws AppError `mail_unavailable` when it cannot. */
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
};

export type MailerOptions = {
  smtpUrl: string | undefined;
  from: string;
  database: Pick<Database, 'kysely'>;
  log: FastifyBaseLogger;
};

// A request waits on send(): fail within seconds rather than nodemailer's minutes-long defaults.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

// One bare address: a `to` with a comma or a display name could smuggle in more recipients.
const BARE_ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+$/;

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl, options) : outboxMailer(options);
}

function smtpMailer(smtpUrl: string, { from, log }: MailerOptions): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, ...SMTP_TIMEOUTS }, { from });
  // A pooled connection that fails while idle is reported here; the next send opens a new one.
  transport.on('error', (error) => log.warn({ err: error }, 'SMTP connection failed'));
  return {
    transport: 'smtp',
    async send(mail) {
      checkRecipient(mail.to);
      try {
        const info = await transport.sendMail({
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        });
        log.info(
          { mailTo: mail.to, subject: subjectForLog(mail.subject), messageId: info.messageId },
          'mail sent over SMTP',
        );
      } catch (error) {
        log.warn({ err: error, mailTo: mail.to }, 'mail could not be sent over SMTP');
        throw new AppError('mail_unavailable', {
          detail: 'The mail server did not accept the message',
          cause: error,
        });
      }
    },
    async close() {
      transport.close();
    },
  };
}

function outboxMailer({ from, database, log }: MailerOptions): Mailer {
  return {
    transport: 'outbox',
    async send(mail) {
      checkRecipient(mail.to);
      let id: string;
      try {
        id = await keepInOutbox(database, { from, ...mail });
      } catch (error) {
        throw new AppError('mail_unavailable', {
          detail: 'The mail could not be kept in the outbox',
          cause: error,
        });
      }
      log.info(
        { mailTo: mail.to, subject: subjectForLog(mail.subject), outboxId: id },
        'mail kept in the development outbox',
      );
    },
    async close() {},
  };
}

function checkRecipient(to: string): void {
  // A programming error, not bad input: callers validate addresses before they get here.
  if (!BARE_ADDRESS.test(to)) throw new TypeError('a mail goes to exactly one bare address');
}

/** The subject as logged: codes (runs of 4+ digits) and issued secrets (`ks_…`) masked. */
export function subjectForLog(subject: string): string {
  return subject.replace(/\d{4,}/g, '[code]').replace(/\bks_\w+/g, '[secret]');
}
