import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { type MailTestApp, startMailTestApp } from '../../../test/support/mail-test-app.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { startTestSmtp, type TestSmtp } from '../../../test/support/test-smtp.ts';
import { AppError } from '../errors/app-error.ts';
import type { OutgoingMail } from './mailer.ts';

const FROM = 'Keystone Test <no-reply@keystone.test>';

/** A mail shaped like identity's: a code, a link, non-ASCII, a line long enough to be wrapped on the wire. */
function codeMail(to: string, code: string): OutgoingMail {
  return {
    to,
    subject: `Vérifiez votre adresse — code ${code} ✓ (a subject long enough to be folded over several lines)`,
    text:
      `Your verification code is ${code}.\n\n` +
      'Or open https://app.example.com/verify?token=ks_link_abc123&next=%2Fhome to verify.\n' +
      `Grüße, ${'a rather long line that quoted-printable has to wrap with soft line breaks '.repeat(3)}\n` +
      '= signs, trailing spaces   \nand the end.',
    html: `<p>Your code is <b>${code}</b> — ✓</p>`,
  };
}

describe('mailer over SMTP (SMTP_URL set)', () => {
  let smtp: TestSmtp;
  let t: MailTestApp;
  before(async () => {
    t = await startMailTestApp({ KEYSTONE_MAIL_FROM: FROM });
    smtp = t.smtp;
  });
  after(() => t?.close());

  it('delivers a real mail: recipient, subject, code and body arrive intact', async () => {
    assert.equal(t.app.mailer.transport, 'smtp');
    const mail = codeMail('ann@example.com', '048213');
    await t.app.mailer.send(mail);
    const received = await smtp.waitForMail('ann@example.com');
    assert.equal(received.to, 'ann@example.com');
    assert.equal(received.from, 'no-reply@keystone.test');
    assert.equal(received.headers.from, FROM);
    assert.equal(received.subject, mail.subject);
    assert.equal(received.text, mail.text);
    assert.equal(received.html, mail.html);
    assert.match(received.text, /code is 048213\./);
  });

  it('sends each mail to its one recipient, in order', async () => {
    await t.app.mailer.send({ to: 'Bob@Example.com', subject: 'first', text: 'one' });
    await t.app.mailer.send({ to: 'bob@example.com', subject: 'second', text: 'two' });
    assert.equal((await smtp.waitForMail('bob@example.com')).subject, 'first');
    const second = await smtp.waitForMail('bob@example.com', { since: 1 });
    assert.deepEqual([second.subject, second.text, second.html], ['second', 'two', undefined]);
  });

  it('refuses a recipient that is not one bare address (no smuggled extra recipients)', async () => {
    for (const to of [
      'a@example.com, b@example.com',
      'Eve <eve@example.com>',
      'a@example.com\r\nBcc: x@y.z',
    ]) {
      await assert.rejects(t.app.mailer.send({ to, subject: 's', text: 't' }), TypeError);
    }
  });

  it('has no outbox: the outbox routes do not exist', async () => {
    for (const url of ['/dev/outbox', `/dev/outbox?key=${t.operatorKey}`, '/dev/outbox/messages']) {
      const res = await t.app.inject({ method: 'GET', url, headers: t.operator });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().code, 'not_found');
    }
    const rows = await t.database.kysely.selectFrom('mail_outbox').select('id').execute();
    assert.deepEqual(rows, [], 'nothing was kept in the outbox');
  });
});

describe('mailer when the SMTP server is unreachable', () => {
  let t: TestApp;
  before(async () => {
    // A port that was just listening and is now closed: connections are refused.
    const gone = await startTestSmtp();
    await gone.close();
    t = await startTestApp({ env: { SMTP_URL: gone.url } });
  });
  after(() => t?.close());

  it('fails with mail_unavailable (503), not a 500', async () => {
    await assert.rejects(t.app.mailer.send({ to: 'ann@example.com', subject: 's', text: 't' }), (error) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'mail_unavailable');
      assert.equal(error.status, 503);
      return true;
    });
  });
});

describe('mailer without SMTP_URL: the development outbox', () => {
  let t: TestApp;
  const logLines: Array<Record<string, unknown>> = [];
  let rawLog = '';
  before(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => {
      rawLog += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
    });
    t = await startTestApp({ env: { LOG_LEVEL: 'info', KEYSTONE_MAIL_FROM: FROM }, logStream: stream });
  });
  after(() => t?.close());

  it('keeps the mail in mail_outbox and logs recipient and subject, never the body or the code', async () => {
    assert.equal(t.app.mailer.transport, 'outbox');
    const mail = codeMail('carol@example.com', '731904');
    await t.app.mailer.send(mail);
    const row = await t.database.kysely
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'carol@example.com')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.from_address, row.subject, row.text_body, row.html_body],
      [FROM, mail.subject, mail.text, mail.html],
    );
    assert.match(row.id, /^mail_/);

    await new Promise((resolve) => setImmediate(resolve));
    const line = logLines.find((l) => l.outboxId === row.id);
    assert.ok(line, 'one log line for the mail');
    assert.equal(line.mailTo, 'carol@example.com');
    assert.equal(line.subject, mail.subject.replace('731904', '[code]'));
    assert.doesNotMatch(rawLog, /Your verification code|ks_link_abc123/, 'the body is not logged');
    assert.doesNotMatch(rawLog, /731904/, 'the code in the subject is masked');
  });

  it('lists kept mail over JSON, newest first, filtered by recipient', async () => {
    await t.app.mailer.send({ to: 'dave@example.com', subject: 'older', text: 'first' });
    await t.app.mailer.send({ to: 'Dave@Example.com', subject: 'newer', text: 'second', html: '<p>2</p>' });
    await t.app.mailer.send({ to: 'erin@example.com', subject: 'other', text: 'third' });
    const res = await t.app.inject({
      method: 'GET',
      url: '/dev/outbox/messages?to=dave@example.com',
      headers: t.operator,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const { data } = res.json();
    assert.deepEqual(
      data.map((m: { subject: string; to: string; html: string | null }) => [m.subject, m.to, m.html]),
      [
        ['newer', 'Dave@Example.com', '<p>2</p>'],
        ['older', 'dave@example.com', null],
      ],
    );
    assert.equal(data[0].from, FROM);
    assert.equal(data[0].text, 'second');
    assert.ok(!Number.isNaN(Date.parse(data[0].created_at)));

    const all = (
      await t.app.inject({ method: 'GET', url: '/dev/outbox/messages?limit=2', headers: t.operator })
    ).json();
    assert.deepEqual(
      all.data.map((m: { subject: string }) => m.subject),
      ['other', 'newer'],
    );
  });
});
