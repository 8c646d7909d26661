import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  answerOf,
  auditAbout,
  auditActionsAbout,
  codeOf,
  expireCodes,
  jwtClaims,
  linkOf,
  postForm,
  postJson,
  tokenOf,
  wrongCode,
} from '../../../test/support/email-flow-client.ts';
import {
  bearer,
  newSignedInUser,
  refresh,
  STRONG_PASSWORD,
  signIn,
  signUp,
  uniqueEmail,
} from '../../../test/support/identity-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../test/support/mail-test-app.ts';
import type { TestApp } from '../../../test/support/test-app.ts';
import type { TestSmtp } from '../../../test/support/test-smtp.ts';

const verify = (t: TestApp, body: unknown) => postJson(t.app, '/v1/auth/verify-email', body);
const resend = (t: TestApp, email: string) => postJson(t.app, '/v1/auth/verify-email/resend', { email });

describe('email verification over HTTP', () => {
  let t: MailTestApp;
  let smtp: TestSmtp;
  before(async () => {
    t = await startMailTestApp();
    smtp = t.smtp;
  });
  after(() => t.close());

  it('verifies with the code from the sign-up mail, once, and audits it', async () => {
    const user = await newSignedInUser(t.app);
    const mail = await smtp.waitForMail(user.email);
    const ok = await verify(t, { email: user.email.toUpperCase(), code: codeOf(mail) });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { status: 'verified' });
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(user.access_token) });
    assert.equal(me.json().email_verified, true);
    // Single use: the same code again is the one stable problem.
    const again = await verify(t, { email: user.email, code: codeOf(mail) });
    assert.equal(again.statusCode, 400, again.body);
    assert.equal(again.json().code, 'invalid_code');
    const actions = await auditActionsAbout(t, user.user.id);
    assert.ok(actions.includes('user.email_verified'), actions.join());
    assert.ok(actions.includes('user.email_verification_failed'), actions.join());
  });

  it('voids a code after 5 wrong guesses: the right one fails then, and every guess is audited', async () => {
    const user = await newSignedInUser(t.app);
    const code = codeOf(await smtp.waitForMail(user.email));
    for (let i = 0; i < 5; i++) {
      const res = await verify(t, { email: user.email, code: wrongCode(code) });
      assert.equal(res.json().code, 'invalid_code', res.body);
    }
    const right = await verify(t, { email: user.email, code });
    assert.equal(right.statusCode, 400, right.body);
    assert.equal(right.json().code, 'invalid_code');
    const failures = (await auditAbout(t, user.user.id)).filter(
      (e) => e.action === 'user.email_verification_failed',
    );
    assert.equal(failures.length, 6);
    // A new code (resend) works.
    assert.equal((await resend(t, user.email)).statusCode, 202);
    const fresh = codeOf(await smtp.waitForMail(user.email, { since: 1 }));
    assert.equal((await verify(t, { email: user.email, code: fresh })).statusCode, 200);
  });

  it('refuses an expired code, and a code replaced by a newer one', async () => {
    const user = await newSignedInUser(t.app);
    const first = codeOf(await smtp.waitForMail(user.email));
    assert.equal((await resend(t, user.email)).statusCode, 202);
    const second = await smtp.waitForMail(user.email, { since: 1 });
    const replaced = await verify(t, { email: user.email, code: first });
    assert.equal(replaced.json().code, 'invalid_code');
    await expireCodes(t, user.email.toLowerCase());
    const expired = await verify(t, { email: user.email, code: codeOf(second) });
    assert.equal(expired.json().code, 'invalid_code');
    // ... and its link too.
    const link = await t.app.inject({ method: 'GET', url: linkOf(second) });
    assert.equal(link.statusCode, 400);
    assert.match(link.body, /no longer valid/);
  });

  it('flips the access token’s email_verified claim at the next refresh', async () => {
    const user = await newSignedInUser(t.app);
    assert.equal(jwtClaims(user.access_token).email_verified, false);
    const code = codeOf(await smtp.waitForMail(user.email));
    assert.equal((await verify(t, { email: user.email, code })).statusCode, 200);
    const refreshed = await refresh(t.app, user.refresh_token);
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    assert.equal(jwtClaims(refreshed.json().access_token).email_verified, true);
    assert.equal(refreshed.json().user.email_verified, true);
  });

  it('verifies with the link token on the JSON route', async () => {
    const user = await newSignedInUser(t.app);
    const token = tokenOf(await smtp.waitForMail(user.email));
    const ok = await verify(t, { token });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await verify(t, { token })).json().code, 'invalid_code');
    assert.equal((await verify(t, { token: 'ks_link_garbage' })).json().code, 'invalid_code');
  });

  it('opens the link as a page that changes nothing; its button verifies, once', async () => {
    const user = await newSignedInUser(t.app);
    const link = linkOf(await smtp.waitForMail(user.email));
    for (let i = 0; i < 2; i++) {
      const page = await t.app.inject({ method: 'GET', url: link });
      assert.equal(page.statusCode, 200, page.body);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.body, /<form method="post" action="verify-email">/);
      assert.ok(page.body.includes(user.email));
      const csp = String(page.headers['content-security-policy']);
      assert.match(csp, /form-action 'self'/);
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(page.body, /<script/i);
      assert.equal(page.headers['cache-control'], 'no-store');
    }
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(user.access_token) });
    assert.equal(me.json().email_verified, false, 'opening the link verified nothing');
    const token = tokenOf(await smtp.waitForMail(user.email));
    const done = await postForm(t.app, link, { token });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /Email address verified/);
    const twice = await postForm(t.app, link, { token });
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /no longer valid/);
    const after = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(user.access_token) });
    assert.equal(after.json().email_verified, true);
  });

  it('answers a resend identically for unverified, verified and unknown addresses; mails only the first', async () => {
    const pending = await newSignedInUser(t.app);
    await smtp.waitForMail(pending.email);
    const verified = await newSignedInUser(t.app);
    const code = codeOf(await smtp.waitForMail(verified.email));
    assert.equal((await verify(t, { email: verified.email, code })).statusCode, 200);
    const unknown = uniqueEmail('nobody');
    const answers = [
      await resend(t, pending.email),
      await resend(t, verified.email),
      await resend(t, unknown),
    ].map(answerOf);
    assert.deepEqual(answers[0], { status: 202, type: answers[0]?.type, body: { status: 'accepted' } });
    assert.deepEqual(answers[1], answers[0]);
    assert.deepEqual(answers[2], answers[0]);
    const resent = await smtp.waitForMail(pending.email, { since: 1 });
    assert.match(resent.subject, /verification code/);
    // No mail is even scheduled for the others (decided in the transaction), so counting now is exact.
    assert.equal(smtp.messages.filter((m) => m.to === verified.email).length, 1, 'only the sign-up mail');
    assert.equal(smtp.messages.filter((m) => m.to === unknown).length, 0);
  });

  it('refuses a wrong code for an unknown address with the same problem as a wrong one', async () => {
    const user = await newSignedInUser(t.app);
    const code = codeOf(await smtp.waitForMail(user.email));
    const wrong = answerOf(await verify(t, { email: user.email, code: wrongCode(code) }));
    const unknown = answerOf(await verify(t, { email: uniqueEmail('nobody'), code }));
    assert.deepEqual(unknown, wrong);
    assert.equal(wrong.status, 400);
  });

  it('rejects malformed input with validation_failed, not a counted guess', async () => {
    const email = uniqueEmail('bad');
    for (const body of [
      { email, code: '12345' },
      { email, code: 'abcdef' },
      { email },
      { code: '123456' },
      {},
    ]) {
      const res = await verify(t, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().code, 'validation_failed');
    }
  });
});

describe('KEYSTONE_REQUIRE_EMAIL_VERIFICATION=true', () => {
  let t: MailTestApp;
  let smtp: TestSmtp;
  before(async () => {
    t = await startMailTestApp({ KEYSTONE_REQUIRE_EMAIL_VERIFICATION: 'true' });
    smtp = t.smtp;
  });
  after(() => t.close());

  it('refuses sign-in until the address is verified, then signs in with email_verified in the token', async () => {
    const email = uniqueEmail('strict');
    const up = await signUp(t.app, { email, password: STRONG_PASSWORD });
    assert.deepEqual(up.json(), { status: 'accepted', next: 'verify_email' });
    const refused = await signIn(t.app, { email, password: STRONG_PASSWORD });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().code, 'email_not_verified');
    const code = codeOf(await smtp.waitForMail(email));
    assert.equal((await verify(t, { email, code })).statusCode, 200);
    const ok = await signIn(t.app, { email, password: STRONG_PASSWORD });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().user.email_verified, true);
    assert.equal(jwtClaims(ok.json().access_token).email_verified, true);
  });
});
