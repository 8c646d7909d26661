import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  answerOf,
  auditAbout,
  codeOf,
  expireCodes,
  giveConfirmedTotp,
  jwtClaims,
  linkOf,
  postForm,
  postJson,
  tokenOf,
  wrongCode,
} from '../../../test/support/email-flow-client.ts';
import { bearer, STRONG_PASSWORD, signUp, uniqueEmail } from '../../../test/support/identity-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../test/support/mail-test-app.ts';
import type { TestSmtp } from '../../../test/support/test-smtp.ts';

describe('passwordless sign-in (emailed code or link) over HTTP', () => {
  let t: MailTestApp;
  let smtp: TestSmtp;
  before(async () => {
    // Strict verification: signing in by email must work for an unverified address (it proves the inbox).
    t = await startMailTestApp({ KEYSTONE_REQUIRE_EMAIL_VERIFICATION: 'true' });
    smtp = t.smtp;
  });
  after(() => t.close());

  const requestCode = (email: string) => postJson(t.app, '/v1/auth/passwordless', { email });
  const verify = (body: unknown) => postJson(t.app, '/v1/auth/passwordless/verify', body);

  /** An account (not verified) and the sign-in mail it asked for. */
  async function accountWithSignInMail() {
    const email = uniqueEmail('otp');
    assert.equal((await signUp(t.app, { email, password: STRONG_PASSWORD })).statusCode, 202);
    await smtp.waitForMail(email);
    assert.equal((await requestCode(email)).statusCode, 202);
    const mail = await smtp.waitForMail(email, { since: 1 });
    assert.match(mail.subject, /sign-in code/);
    return { email, mail };
  }

  it('signs in with the code: tokens with amr otp+email, the address verified, once', async () => {
    const { email, mail } = await accountWithSignInMail();
    const res = await verify({ email, code: codeOf(mail) });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.status, 'signed_in');
    assert.equal(body.user.email_verified, true);
    const claims = jwtClaims(body.access_token);
    assert.deepEqual(claims.amr, ['otp', 'email']);
    assert.equal(claims.email_verified, true);
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(body.access_token) });
    assert.equal(me.statusCode, 200);
    assert.equal((await verify({ email, code: codeOf(mail) })).json().code, 'invalid_code');
    const entries = await auditAbout(t, body.user.id);
    const signedIn = entries.find((e) => e.action === 'user.signed_in');
    assert.deepEqual(signedIn?.metadata.methods, ['otp', 'email']);
    assert.ok(entries.some((e) => e.action === 'user.email_verified'));
    assert.ok(entries.some((e) => e.action === 'user.sign_in_failed'));
  });

  it('signs in with the link token on the JSON route (amr email)', async () => {
    const { mail } = await accountWithSignInMail();
    const res = await verify({ token: tokenOf(mail) });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(jwtClaims(res.json().access_token).amr, ['email']);
    assert.equal((await verify({ token: tokenOf(mail) })).json().code, 'invalid_code');
  });

  it('voids the code after 5 wrong guesses and refuses an expired one', async () => {
    const { email, mail } = await accountWithSignInMail();
    const code = codeOf(mail);
    for (let i = 0; i < 5; i++)
      assert.equal((await verify({ email, code: wrongCode(code) })).statusCode, 400);
    assert.equal((await verify({ email, code })).json().code, 'invalid_code');
    await requestCode(email);
    const next = await smtp.waitForMail(email, { since: 2 });
    await expireCodes(t, email);
    assert.equal((await verify({ email, code: codeOf(next) })).json().code, 'invalid_code');
    assert.equal((await verify({ token: tokenOf(next) })).json().code, 'invalid_code');
  });

  it('answers known and unknown addresses identically and mails only accounts (no sign-up here)', async () => {
    const { email } = await accountWithSignInMail();
    const unknown = uniqueEmail('nobody');
    const known = answerOf(await requestCode(email));
    const stranger = answerOf(await requestCode(unknown));
    assert.deepEqual(known, { status: 202, type: known.type, body: { status: 'accepted' } });
    assert.deepEqual(stranger, known);
    await smtp.waitForMail(email, { since: 2 });
    assert.equal(smtp.messages.filter((m) => m.to === unknown).length, 0);
    const wrong = answerOf(await verify({ email: unknown, code: '000000' }));
    assert.equal(wrong.body.code, 'invalid_code');
  });

  it('asks a user with a second factor for it: code and link answer mfa_required, never a session', async () => {
    const user = await newSignedInUserVerified();
    await giveConfirmedTotp(t, user.id);
    await requestCode(user.email);
    const byCode = await smtp.waitForMail(user.email, { since: 2 });
    const res = await verify({ email: user.email, code: codeOf(byCode) });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'mfa_required');
    assert.match(res.json().mfa_token, /^ks_mfa_/);
    assert.equal(res.json().access_token, undefined);
    await requestCode(user.email);
    const byLink = await smtp.waitForMail(user.email, { since: 3 });
    const linkRes = await verify({ token: tokenOf(byLink) });
    assert.equal(linkRes.json().status, 'mfa_required');
    const challenge = (await auditAbout(t, user.id)).filter((e) => e.action === 'user.mfa_challenged');
    assert.deepEqual(
      challenge.map((e) => e.metadata.methods),
      [['otp', 'email'], ['email']],
    );
  });

  it('the link page signs in on its button only; with a second factor it leaves the link for the app', async () => {
    const { email, mail } = await accountWithSignInMail();
    const link = linkOf(mail);
    for (let i = 0; i < 2; i++) {
      const page = await t.app.inject({ method: 'GET', url: link });
      assert.equal(page.statusCode, 200, page.body);
      assert.match(page.body, /action="sign-in"/);
    }
    // A page on another site posting the token (login CSRF) is refused, and the token is not spent.
    const forged = await postForm(t.app, link, { token: tokenOf(mail) }, { 'sec-fetch-site': 'cross-site' });
    assert.equal(forged.statusCode, 403, forged.body);
    const done = await postForm(t.app, link, { token: tokenOf(mail) });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /Signed in/);
    // The browser now holds the session in the refresh cookie: a same-site app refreshes with it.
    const cookie = String(done.headers['set-cookie']).split(';')[0] as string;
    assert.match(cookie, /keystone_refresh=ks_rt_/);
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { cookie, 'x-keystone-csrf': '1' },
    });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    assert.equal(refreshed.json().user.email, email);
    assert.equal((await postForm(t.app, link, { token: tokenOf(mail) })).statusCode, 400);
    const signedIn = (await auditAbout(t, await userIdOf(email))).filter(
      (e) => e.action === 'user.signed_in',
    );
    assert.deepEqual(signedIn.at(-1)?.metadata.methods, ['email']);

    const mfaUser = await newSignedInUserVerified();
    await giveConfirmedTotp(t, mfaUser.id);
    await requestCode(mfaUser.email);
    const mfaMail = await smtp.waitForMail(mfaUser.email, { since: 2 });
    const page = await postForm(t.app, linkOf(mfaMail), { token: tokenOf(mfaMail) });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Finish signing in in the app/);
    const sessionsBefore = (await auditAbout(t, mfaUser.id)).filter(
      (e) => e.action === 'user.signed_in',
    ).length;
    // The link was not used up: the app can still finish with it (and gets the MFA challenge).
    const inApp = await verify({ token: tokenOf(mfaMail) });
    assert.equal(inApp.json().status, 'mfa_required', inApp.body);
    const sessionsAfter = (await auditAbout(t, mfaUser.id)).filter(
      (e) => e.action === 'user.signed_in',
    ).length;
    assert.equal(sessionsAfter, sessionsBefore, 'no session from the page or the link');
  });

  /** A verified user (strict instance: verified by the sign-up code) with the sign-up and verification done. */
  async function newSignedInUserVerified() {
    const email = uniqueEmail('mfa');
    await signUp(t.app, { email, password: STRONG_PASSWORD });
    const code = codeOf(await smtp.waitForMail(email));
    assert.equal((await postJson(t.app, '/v1/auth/verify-email', { email, code })).statusCode, 200);
    // One more mail is counted by the callers: a sign-in there, so the user has a session too.
    await requestCode(email);
    const mail = await smtp.waitForMail(email, { since: 1 });
    const res = await verify({ email, code: codeOf(mail) });
    assert.equal(res.json().status, 'signed_in', res.body);
    return { email, id: res.json().user.id as string };
  }

  async function userIdOf(email: string): Promise<string> {
    const row = await t.database.kysely
      .selectFrom('users')
      .select('id')
      .where('email_normalized', '=', email.toLowerCase())
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('is rate limited per IP and address', async () => {
    const email = uniqueEmail('flood');
    let limited = 0;
    for (let i = 0; i < 14; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/passwordless',
        payload: { email },
        remoteAddress: '203.0.113.7',
      });
      if (res.statusCode === 429) limited++;
    }
    assert.ok(limited > 0);
  });
});
