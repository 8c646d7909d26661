import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  bearer,
  newSignedInUser,
  STRONG_PASSWORD,
  signIn,
  signUp,
  uniqueEmail,
} from '../../../test/support/identity-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../test/support/mail-test-app.ts';
import type { TestSmtp } from '../../../test/support/test-smtp.ts';

describe('sign-up and sign-in over HTTP', () => {
  let t: MailTestApp;
  let smtp: TestSmtp;
  before(async () => {
    t = await startMailTestApp();
    smtp = t.smtp;
  });
  after(() => t.close());

  it('signs up, mails a verification code, then signs in with tokens that work', async () => {
    const email = uniqueEmail('ann');
    const up = await signUp(t.app, { email, password: STRONG_PASSWORD, name: 'Ann' });
    assert.equal(up.statusCode, 202);
    assert.deepEqual(up.json(), { status: 'accepted', next: 'sign_in' });
    const mail = await smtp.waitForMail(email);
    assert.match(mail.subject, /verification code: \d{6}/);
    assert.match(mail.text, /\/v1\/auth\/email-links\/verify-email\?token=ks_link_/);

    const res = await signIn(t.app, { email: email.toUpperCase(), password: STRONG_PASSWORD });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.status, 'signed_in');
    assert.equal(body.token_type, 'Bearer');
    assert.match(body.refresh_token, /^ks_rt_/);
    assert.equal(body.user.email, email);
    assert.equal(body.user.name, 'Ann');
    assert.equal(body.user.email_verified, false);
    assert.ok(body.access_token.length < 1024, 'the access token stays small');

    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(body.access_token) });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().id, body.user.id);
  });

  it('answers a sign-up for an existing address exactly as for a new one, and mails the owner instead', async () => {
    const email = uniqueEmail('taken');
    const first = await signUp(t.app, { email, password: STRONG_PASSWORD });
    await smtp.waitForMail(email);
    const second = await signUp(t.app, { email, password: 'another strong passphrase 7' });
    assert.equal(second.statusCode, first.statusCode);
    assert.equal(second.body, first.body);
    assert.equal(second.headers['content-type'], first.headers['content-type']);
    const notice = await smtp.waitForMail(email, { since: 1 });
    assert.match(notice.subject, /tried to sign up/);
    // The intruder's password does not open the account.
    const intruder = await signIn(t.app, { email, password: 'another strong passphrase 7' });
    assert.equal(intruder.statusCode, 401);
    assert.equal(intruder.json().code, 'invalid_credentials');
  });

  it('gives an unknown address and a wrong password the same problem', async () => {
    const { email } = await newSignedInUser(t.app);
    const wrong = await signIn(t.app, { email, password: 'not the password at all' });
    const unknown = await signIn(t.app, {
      email: uniqueEmail('nobody'),
      password: 'not the password at all',
    });
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 401);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    }
    const strip = (b: Record<string, unknown>) => ({ ...b, trace_id: undefined });
    assert.deepEqual(strip(wrong.json()), strip(unknown.json()));
  });

  it('refuses weak and common passwords with password_rejected, and bad input with validation_failed', async () => {
    const email = uniqueEmail('weak');
    const common = await signUp(t.app, { email, password: 'password123' });
    assert.equal(common.statusCode, 422, common.body);
    assert.equal(common.json().code, 'password_rejected');
    const short = await signUp(t.app, { email, password: 'abc' });
    assert.equal(short.json().code, 'password_rejected');
    const badEmail = await signUp(t.app, { email: 'not-an-email', password: STRONG_PASSWORD });
    assert.equal(badEmail.statusCode, 400);
    assert.equal(badEmail.json().code, 'validation_failed');
    const extra = await signIn(t.app, { email, password: STRONG_PASSWORD, admin: true } as never);
    assert.equal(extra.statusCode, 400);
  });

  it('limits sign-in attempts per address from one client, not for the victim elsewhere', async () => {
    const { email, password } = await newSignedInUser(t.app);
    let limited = 0;
    for (let i = 0; i < 14; i++) {
      const res = await signIn(
        t.app,
        { email, password: `wrong guess number ${i}` },
        { remoteAddress: '203.0.113.9' },
      );
      if (res.statusCode === 429) limited++;
    }
    assert.ok(limited > 0, 'the attacker is slowed down');
    // The owner, from another address (inject's default, 127.0.0.1), still signs in: no lock-out.
    const owner = await signIn(t.app, { email, password });
    assert.equal(owner.statusCode, 200, owner.body);
  });

  it('records sign-ups, sign-ins and failures in the instance audit log', async () => {
    const { email, user } = await newSignedInUser(t.app);
    await signIn(t.app, { email, password: 'definitely wrong pass' });
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/organizations/instance/audit-log?limit=500',
      headers: t.operator,
    });
    assert.equal(res.statusCode, 200, res.body);
    const mine = res.json().data.filter((e: { target_id: string | null }) => e.target_id === user.id);
    const actions = mine.map((e: { action: string }) => e.action);
    assert.ok(actions.includes('user.signed_up'), actions.join());
    assert.ok(actions.includes('user.sign_in_failed'), actions.join());
    const verify = await t.app.inject({
      method: 'GET',
      url: '/v1/organizations/instance/audit-log/verify',
      headers: t.operator,
    });
    assert.equal(verify.json().ok, true);
  });
});
