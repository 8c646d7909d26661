import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  answerOf,
  auditActionsAbout,
  codeOf,
  linkOf,
  postForm,
  postJson,
  tokenOf,
  wrongCode,
} from '../../../test/support/email-flow-client.ts';
import { bearer, newSignedInUser, signIn, uniqueEmail } from '../../../test/support/identity-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../test/support/mail-test-app.ts';
import type { TestSmtp } from '../../../test/support/test-smtp.ts';

describe('email change over HTTP', () => {
  let t: MailTestApp;
  let smtp: TestSmtp;
  before(async () => {
    t = await startMailTestApp();
    smtp = t.smtp;
  });
  after(() => t.close());

  const requestChange = (accessToken: string, body: unknown) =>
    postJson(t.app, '/v1/me/email', body, bearer(accessToken));
  const confirmChange = (accessToken: string, body: unknown) =>
    postJson(t.app, '/v1/me/email/confirm', body, bearer(accessToken));

  async function signedInUser() {
    const user = await newSignedInUser(t.app);
    await smtp.waitForMail(user.email); // the sign-up mail
    return user;
  }

  it('mails a code to the new address and a notice to the old; the code moves the account', async () => {
    const user = await signedInUser();
    const newEmail = uniqueEmail('moved');
    const res = await requestChange(user.access_token, { new_email: newEmail, password: user.password });
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(res.json(), { status: 'accepted' });
    const confirmation = await smtp.waitForMail(newEmail);
    assert.match(confirmation.subject, /Confirm your new email address/);
    const notice = await smtp.waitForMail(user.email, { since: 1 });
    assert.match(notice.subject, /change of your email address was requested/);
    assert.ok(notice.text.includes(newEmail));
    const code = codeOf(confirmation);
    const wrong = await confirmChange(user.access_token, { code: wrongCode(code) });
    assert.equal(wrong.json().code, 'invalid_code');
    const ok = await confirmChange(user.access_token, { code });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().email, newEmail);
    assert.equal(ok.json().email_verified, true, 'the new address proved itself');
    assert.equal((await confirmChange(user.access_token, { code })).json().code, 'invalid_code');
    assert.equal((await signIn(t.app, { email: newEmail, password: user.password })).statusCode, 200);
    assert.equal((await signIn(t.app, { email: user.email, password: user.password })).statusCode, 401);
    const actions = await auditActionsAbout(t, user.user.id);
    for (const action of ['user.email_change_requested', 'user.email_change_failed', 'user.email_changed']) {
      assert.ok(actions.includes(action), `${action} in ${actions.join()}`);
    }
  });

  it('confirms through the link page (GET changes nothing) and through the JSON route with the token', async () => {
    const user = await signedInUser();
    const newEmail = uniqueEmail('linked');
    await requestChange(user.access_token, { new_email: newEmail, password: user.password });
    const mail = await smtp.waitForMail(newEmail);
    const link = linkOf(mail);
    for (let i = 0; i < 2; i++) {
      const page = await t.app.inject({ method: 'GET', url: link });
      assert.equal(page.statusCode, 200, page.body);
      assert.ok(page.body.includes(newEmail));
    }
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(user.access_token) });
    assert.equal(me.json().email, user.email);
    const done = await postForm(t.app, link, { token: tokenOf(mail) });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /Email address changed/);
    const after = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(user.access_token) });
    assert.equal(after.json().email, newEmail);
    assert.equal((await postForm(t.app, link, { token: tokenOf(mail) })).statusCode, 400);

    const second = await signedInUser();
    const secondEmail = uniqueEmail('json');
    await requestChange(second.access_token, { new_email: secondEmail, password: second.password });
    const token = tokenOf(await smtp.waitForMail(secondEmail));
    // Another user cannot use it.
    const foreign = await confirmChange(user.access_token, { token });
    assert.equal(foreign.json().code, 'invalid_code');
    await requestChange(second.access_token, { new_email: secondEmail, password: second.password });
    const again = tokenOf(await smtp.waitForMail(secondEmail, { since: 1 }));
    const ok = await confirmChange(second.access_token, { token: again });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().email, secondEmail);
  });

  it('answers a change to a taken address exactly as to a free one; the taken one gets a notice and nothing works', async () => {
    const user = await signedInUser();
    const owner = await signedInUser();
    const free = uniqueEmail('free');
    const toFree = answerOf(
      await requestChange(user.access_token, { new_email: free, password: user.password }),
    );
    const toTaken = answerOf(
      await requestChange(user.access_token, {
        new_email: owner.email.toUpperCase(),
        password: user.password,
      }),
    );
    assert.equal(toFree.status, 202);
    assert.deepEqual(toTaken, toFree);
    const notice = await smtp.waitForMail(owner.email, { since: 1 });
    assert.match(notice.subject, /tried to move an account to your email address/);
    assert.doesNotMatch(notice.text, /\d{6}/, 'no code to the taken address');
    // The requester's old address is told in both cases.
    await smtp.waitForMail(user.email, { since: 2 });
    // The taken request replaced the free one's code, as any newer request does.
    const freeCode = codeOf(await smtp.waitForMail(free));
    assert.equal((await confirmChange(user.access_token, { code: freeCode })).json().code, 'invalid_code');
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(user.access_token) });
    assert.equal(me.json().email, user.email);
  });

  it('refuses the confirmation when the new address was taken meanwhile', async () => {
    const user = await signedInUser();
    const contested = uniqueEmail('contested');
    await requestChange(user.access_token, { new_email: contested, password: user.password });
    const code = codeOf(await smtp.waitForMail(contested));
    await newSignedInUser(t.app, { email: contested });
    const res = await confirmChange(user.access_token, { code });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'email_taken');
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(user.access_token) });
    assert.equal(me.json().email, user.email);
  });

  it('needs a recent sign-in instead of a password when the account has none', async () => {
    const user = await signedInUser();
    await t.database.kysely
      .updateTable('users')
      .set({ password_hash: null })
      .where('id', '=', user.user.id)
      .execute();
    const fresh = await requestChange(user.access_token, { new_email: uniqueEmail('fresh') });
    assert.equal(fresh.statusCode, 202, fresh.body);
    await t.database.kysely
      .updateTable('sessions')
      .set({ created_at: new Date(Date.now() - 3_600_000) })
      .where('id', '=', user.session_id)
      .execute();
    const stale = await requestChange(user.access_token, { new_email: uniqueEmail('stale') });
    assert.equal(stale.statusCode, 403, stale.body);
    assert.equal(stale.json().code, 'fresh_sign_in_required');
  });

  it('needs the password of an account that has one', async () => {
    const user = await signedInUser();
    const newEmail = uniqueEmail('nopass');
    const missing = await requestChange(user.access_token, { new_email: newEmail });
    assert.equal(missing.statusCode, 400, missing.body);
    assert.equal(missing.json().code, 'validation_failed');
    const wrong = await requestChange(user.access_token, {
      new_email: newEmail,
      password: 'wrong password here',
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().code, 'invalid_credentials');
    const same = await requestChange(user.access_token, { new_email: user.email, password: user.password });
    assert.equal(same.json().code, 'validation_failed');
    assert.equal(smtp.messages.filter((m) => m.to === newEmail).length, 0);
    const actions = await auditActionsAbout(t, user.user.id);
    assert.ok(actions.includes('user.email_change_failed'), actions.join());
    const anonymous = await postJson(t.app, '/v1/me/email', { new_email: newEmail, password: user.password });
    assert.equal(anonymous.statusCode, 401);
  });
});
