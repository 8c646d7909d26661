import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMessage } from './mime-parse.ts';

/**
 * A real SMTP server in the test process, on 127.0.0.1 and a free port: no
 * authentication, no TLS. Point Keystone at it with `SMTP_URL: smtp.url` and
 * read what arrived with `waitForMail`.
 */
export type ReceivedMail = {
  /** The envelope recipient(s), comma-separated. */
  to: string;
  /** The envelope sender. */
  from: string;
  subject: string;
  text: string;
  html?: string;
  /** Every header, decoded, by lower-case name. */
  headers: Record<string, string>;
};

export type TestSmtp = {
  url: string;
  /** Every mail received, in arrival order. */
  messages: ReceivedMail[];
  /**
   * The next mail to this address (case-insensitive): the first one, or with
   * `since: n` the one after the first n (so `since: 1` is the second mail to it).
   * Already received mails count, so nothing is missed between send and wait.
   */
  waitForMail(to: string, options?: { timeoutMs?: number; since?: number }): Promise<ReceivedMail>;
  close(): Promise<void>;
};

export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Tests close the server after the app; pooled connections that linger are cut at once.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const parsed = parseMessage(Buffer.concat(chunks));
        const mailFrom = session.envelope.mailFrom;
        messages.push({
          to: session.envelope.rcptTo.map((a) => a.address).join(', '),
          from: mailFrom ? mailFrom.address : '',
          subject: parsed.headers.subject ?? '',
          text: parsed.text ?? '',
          ...(parsed.html === undefined ? {} : { html: parsed.html }),
          headers: parsed.headers,
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  const addressedTo = (mail: ReceivedMail, to: string) =>
    mail.to.toLowerCase().split(', ').includes(to.toLowerCase());

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitForMail(to, { timeoutMs = 15_000, since = 0 } = {}) {
      const find = () => messages.filter((m) => addressedTo(m, to))[since];
      const found = find();
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no mail #${since + 1} to ${to} within ${timeoutMs} ms (${messages.length} received)`),
          );
        }, timeoutMs);
        const check = () => {
          const mail = find();
          if (!mail) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(mail);
        };
        waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
