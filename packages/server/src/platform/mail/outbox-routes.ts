import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { operatorKeyAuthenticator } from '../auth/operator-keys.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { OUTBOX_PAGE_CSP, renderOutboxPage } from './outbox-page.ts';
import { type OutboxMail, recentOutboxMail } from './outbox-store.ts';

/**
 * The development outbox: `GET /dev/outbox` (a page) and `GET /dev/outbox/messages`
 * (JSON). Registered only when mail goes to the outbox (SMTP_URL unset).
 *
 * Who may read it: an operator, and nobody else. The outbox holds every user's
 * sign-in codes and reset links, so reading it is signing in as anyone.
 *
 * - The JSON route takes the operator key the usual way (`X-Keystone-Key`).
 * - A browser following a link cannot send that header, so the page alone also
 *   takes the key as `?key=<operator key>` (the start banner prints that link).
 *   The key in a URL is contained: request log lines drop the query string,
 *   `Referrer-Policy: no-referrer` (and `rel=noreferrer` on links) keeps it from
 *   the sites the mails link to, and the page is `no-store`. What remains is the
 *   browser history of the developer's machine, the one that printed the key.
 *
 * Why not "public, but only on a loopback address": a loopback listener is not
 * a wall. A reverse proxy on the same host forwards the internet to it (and to a
 * check of the client address every request then comes from 127.0.0.1), and a
 * DNS-rebinding page in the developer's own browser reaches it. Under those
 * mistakes a key check still fails closed; a network-position check fails open.
 */
const PAGE_SIZE = 50;

const mailSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  created_at: z.string().describe('ISO 8601, UTC'),
});

const toFilter = z.email().optional().describe('Only mail to this address');

export function outboxRoutes(database: Database): FastifyPluginAsyncZod {
  const operatorKeys = operatorKeyAuthenticator(database);

  /** The header was checked by the platform; a `?key=` is checked here, against the same keys. */
  async function requireOperator(request: FastifyRequest): Promise<void> {
    if (request.principal) {
      if (request.principal.kind === 'operator') return;
      throw new AppError('forbidden', { detail: 'The outbox needs an operator key' });
    }
    const key = (request.query as { key?: unknown }).key;
    if (typeof key !== 'string' || key.length === 0) {
      throw new AppError('unauthenticated', {
        detail:
          'Open /dev/outbox?key=<operator key> (the key is in the start banner and <data dir>/operator-key)',
      });
    }
    const principal = await operatorKeys.authenticate({ scheme: 'x-keystone-key', value: key });
    if (principal?.kind !== 'operator')
      throw new AppError('unauthenticated', { detail: 'The key is not a valid operator key' });
    request.principal = principal;
  }

  return async (app) => {
    app.get(
      '/dev/outbox',
      {
        // Public to the platform only so that a `?key=` can be accepted: requireOperator runs first.
        config: { access: 'public' },
        onRequest: requireOperator,
        schema: {
          tags: ['development'],
          summary: 'The development outbox, as a page (only while SMTP_URL is unset)',
          description: `The newest ${PAGE_SIZE} mails, newest first. Operator key as X-Keystone-Key or, for a browser, ?key=.`,
          querystring: z.strictObject({
            key: z.string().optional().describe('The operator key (a browser cannot send the header)'),
            to: toFilter,
          }),
          response: { 200: z.string().describe('An HTML page') },
        },
      },
      async (request, reply) => {
        const mails = await recentOutboxMail(database, { limit: PAGE_SIZE, to: request.query.to });
        reply
          .header('content-security-policy', OUTBOX_PAGE_CSP)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8');
        return renderOutboxPage(mails);
      },
    );

    app.get(
      '/dev/outbox/messages',
      {
        config: { access: 'operator' },
        schema: {
          tags: ['development'],
          summary: 'The development outbox, as JSON (only while SMTP_URL is unset)',
          querystring: z.strictObject({
            to: toFilter,
            limit: z.coerce.number().int().min(1).max(200).default(PAGE_SIZE),
          }),
          response: { 200: z.object({ data: z.array(mailSchema) }) },
        },
      },
      async (request, reply) => {
        const mails = await recentOutboxMail(database, request.query);
        reply.header('cache-control', 'no-store');
        return { data: mails.map(toWire) };
      },
    );
  };
}

function toWire(mail: OutboxMail): z.infer<typeof mailSchema> {
  return {
    id: mail.id,
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    created_at: mail.createdAt.toISOString(),
  };
}
