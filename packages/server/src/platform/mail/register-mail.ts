import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { createMailer, type Mailer } from './mailer.ts';
import { outboxRoutes } from './outbox-routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where modules send mail (codes, links, invitations): SMTP or the development outbox. */
    mailer: Mailer;
  }
}

/**
 * Gives the app its mailer (the one passed in, else one from config: SMTP when
 * SMTP_URL is set, the outbox otherwise), mounts /dev/outbox only for the
 * outbox, and closes the mailer with the app. The mailer is made here rather
 * than in createServer so its log lines go through the app's logger.
 */
export async function registerMail(
  app: FastifyInstance,
  options: { config: Config; database: Database; mailer?: Mailer | undefined },
): Promise<Mailer> {
  const { config, database } = options;
  const mailer =
    options.mailer ??
    createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, database, log: app.log });
  app.decorate('mailer', mailer);
  app.addHook('onClose', () => mailer.close());
  if (mailer.transport === 'outbox') await app.register(outboxRoutes(database));
  return mailer;
}
