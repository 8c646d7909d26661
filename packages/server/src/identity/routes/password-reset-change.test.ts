import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  answerOf,
  auditAbout,
  codeOf,
  expireCodes,
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
  uniqueEmail,
} from '../../../test/support/identity-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../test/support/mail-test-app.ts';
import { enableTotp, mfaChallenge, nextTotp, verifyMfa } from '../../../test/support/mfa-client.ts';
import type { TestSmtp } from '../../../test/support/test-smtp.ts';

const NEW_PASSWORD = 'a brand new passphrase 913';

describe('password reset and change over HTTP', () => {
  let t: MailTestApp;
  let smtp: TestSmtp;
  before(async () => {
    t = await startMailTestApp();
    smtp = t.smtp;
  });
  after(() => t.close());

  const requestReset = (email: string) => postJson(t.app, '/v1/auth/password-reset', { email });
  const confirmReset = (body: unknown) => postJson(t.app, '/v1/auth/password-reset/confirm', body);

  /** A signed-in user and the reset mail they asked for (the sign-up mail is the first to them). */
  async function userWithResetMail() {
    const user = await newSignedInUser(t.app);
    await smtp.waitForMail(user.email);
    assert.equal((await requestReset(user.email)).statusCode, 202);
    const mail = await smtp.waitForMail(user.email, { since: 1 });
    assert.match(mail.subject, /password reset code/);
    return { user, mail };
  }

  it('resets with the code: every session ends, the new password works, the old does not', async () => {
    const { user, mail } = await userWithResetMail();
    const other = (await signIn(t.app, { email: user.email, password: user.password })).json();
    const res = await confirmReset({ email: user.email, code: codeOf(mail), new_password: NEW_PASSWORD });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { status: 'password_reset', next: 'sign_in' });
    for (const token of [user.refresh_token, other.refresh_token]) {
      assert.equal((await refresh(t.app, token)).json().code, 'invalid_refresh_token');
    }
    assert.equal((await signIn(t.app, { email: user.email, password: user.password })).statusCode, 401);
    const signedIn = await signIn(t.app, { email: user.email, password: NEW_PASSWORD });
    assert.equal(signedIn.statusCode, 200, signedIn.body);
    // The code proved the inbox: the address is verified now.
    assert.equal(signedIn.json().user.email_verified, true);
    // Single use.
    const again = await confirmReset({ email: user.email, code: codeOf(mail), new_password: NEW_PASSWORD });
    assert.equal(again.json().code, 'invalid_code');
    const entries = await auditAbout(t, user.user.id);
    const reset = entries.find((e) => e.action === 'user.password_reset');
    assert.ok(reset, entries.map((e) => e.action).join());
    assert.equal((reset.metadata.ended_sessions as string[]).length, 2);
    assert.ok(entries.some((e) => e.action === 'user.password_reset_requested'));
    assert.ok(entries.some((e) => e.action === 'user.password_reset_failed'));
  });

  it('voids an MFA challenge begun with the old password: the stolen password cannot finish later', async () => {
    const { user, mail } = await userWithResetMail();
    const totp = await enableTotp(t.app, user.access_token);
    const mfaToken = await mfaChallenge(t.app, { email: user.email, password: user.password });
    const res = await confirmReset({ email: user.email, code: codeOf(mail), new_password: NEW_PASSWORD });
    assert.equal(res.statusCode, 200, res.body);
    const late = await verifyMfa(t.app, {
      mfa_token: mfaToken,
      code: nextTotp(totp.secret, totp.lastStep).code,
    });
    assert.equal(late.statusCode, 401, late.body);
    assert.equal(late.json().code, 'invalid_mfa_token');
  });

  it('enforces the policy without spending the code', async () => {
    const { user, mail } = await userWithResetMail();
    const weak = await confirmReset({ email: user.email, code: codeOf(mail), new_password: 'password123' });
    assert.equal(weak.statusCode, 422, weak.body);
    assert.equal(weak.json().code, 'password_rejected');
    // The local part of the address is in it: refused on the token path too (the account's email is read).
    const local = user.email.split('@')[0] as string;
    const mine = await confirmReset({ token: tokenOf(mail), new_password: `${local} is my password` });
    assert.equal(mine.json().code, 'password_rejected', mine.body);
    const ok = await confirmReset({ token: tokenOf(mail), new_password: NEW_PASSWORD });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await confirmReset({ token: tokenOf(mail), new_password: NEW_PASSWORD })).statusCode, 400);
  });

  it('counts wrong codes (5 and the code is void) and refuses expired ones', async () => {
    const { user, mail } = await userWithResetMail();
    const code = codeOf(mail);
    for (let i = 0; i < 5; i++) {
      const res = await confirmReset({
        email: user.email,
        code: wrongCode(code),
        new_password: NEW_PASSWORD,
      });
      assert.equal(res.json().code, 'invalid_code');
    }
    const right = await confirmReset({ email: user.email, code, new_password: NEW_PASSWORD });
    assert.equal(right.json().code, 'invalid_code');
    assert.equal((await requestReset(user.email)).statusCode, 202);
    const second = await smtp.waitForMail(user.email, { since: 2 });
    await expireCodes(t, user.email.toLowerCase());
    const expired = await confirmReset({
      email: user.email,
      code: codeOf(second),
      new_password: NEW_PASSWORD,
    });
    assert.equal(expired.json().code, 'invalid_code');
    // Nothing changed: the old password still works.
    assert.equal((await signIn(t.app, { email: user.email, password: user.password })).statusCode, 200);
  });

  it('answers a reset request identically for known and unknown addresses, and mails only the known', async () => {
    const user = await newSignedInUser(t.app);
    await smtp.waitForMail(user.email);
    const unknown = uniqueEmail('nobody');
    const known = answerOf(await requestReset(user.email));
    const stranger = answerOf(await requestReset(unknown));
    assert.equal(known.status, 202);
    assert.deepEqual(stranger, known);
    await smtp.waitForMail(user.email, { since: 1 });
    assert.equal(smtp.messages.filter((m) => m.to === unknown).length, 0);
    const code = '123456';
    const wrong = answerOf(await confirmReset({ email: unknown, code, new_password: NEW_PASSWORD }));
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 'invalid_code');
  });

  it('resets through the link page: GET shows a form and uses nothing, its POST sets the password', async () => {
    const { user, mail } = await userWithResetMail();
    const link = linkOf(mail);
    for (let i = 0; i < 2; i++) {
      const page = await t.app.inject({ method: 'GET', url: link });
      assert.equal(page.statusCode, 200, page.body);
      assert.match(page.body, /name="new_password"/);
      assert.match(page.body, /autocomplete="new-password"/);
    }
    const token = tokenOf(mail);
    const weak = await postForm(t.app, link, { token, new_password: 'password123' });
    assert.equal(weak.statusCode, 422);
    assert.match(weak.body, /<form/, 'the form again, with what to fix');
    assert.match(weak.body, /class="problems"/);
    const done = await postForm(t.app, link, { token, new_password: NEW_PASSWORD });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /Password changed/);
    assert.equal((await refresh(t.app, user.refresh_token)).json().code, 'invalid_refresh_token');
    assert.equal((await signIn(t.app, { email: user.email, password: NEW_PASSWORD })).statusCode, 200);
    const twice = await postForm(t.app, link, { token, new_password: 'yet another passphrase 55' });
    assert.equal(twice.statusCode, 400);
    assert.equal((await signIn(t.app, { email: user.email, password: NEW_PASSWORD })).statusCode, 200);
  });

  const changePassword = (accessToken: string, body: unknown) =>
    postJson(t.app, '/v1/me/password', body, bearer(accessToken));

  it('changes the password with the current one: other sessions end, this one stays', async () => {
    const user = await newSignedInUser(t.app);
    const other = (await signIn(t.app, { email: user.email, password: user.password })).json();
    const res = await changePassword(user.access_token, {
      current_password: user.password,
      new_password: NEW_PASSWORD,
    });
    assert.equal(res.statusCode, 204, res.body);
    assert.equal((await refresh(t.app, other.refresh_token)).json().code, 'invalid_refresh_token');
    const kept = await refresh(t.app, user.refresh_token);
    assert.equal(kept.statusCode, 200, kept.body);
    assert.equal((await signIn(t.app, { email: user.email, password: STRONG_PASSWORD })).statusCode, 401);
    assert.equal((await signIn(t.app, { email: user.email, password: NEW_PASSWORD })).statusCode, 200);
    const changed = (await auditAbout(t, user.user.id)).find((e) => e.action === 'user.password_changed');
    assert.deepEqual(changed?.metadata.ended_sessions, [other.session_id]);
  });

  it('refuses a wrong current password (audited) and a weak new one; needs a user token', async () => {
    const user = await newSignedInUser(t.app);
    const wrong = await changePassword(user.access_token, {
      current_password: 'not my password at all',
      new_password: NEW_PASSWORD,
    });
    assert.equal(wrong.statusCode, 401, wrong.body);
    assert.equal(wrong.json().code, 'invalid_credentials');
    const weak = await changePassword(user.access_token, {
      current_password: user.password,
      new_password: 'password123',
    });
    assert.equal(weak.statusCode, 422);
    assert.equal(weak.json().code, 'password_rejected');
    assert.equal((await signIn(t.app, { email: user.email, password: user.password })).statusCode, 200);
    const actions = (await auditAbout(t, user.user.id)).map((e) => e.action);
    assert.ok(actions.includes('user.password_change_failed'), actions.join());
    assert.ok(!actions.includes('user.password_changed'));
    const anonymous = await postJson(t.app, '/v1/me/password', {
      current_password: user.password,
      new_password: NEW_PASSWORD,
    });
    assert.equal(anonymous.statusCode, 401);
  });
});
