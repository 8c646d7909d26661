import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, newSignedInUser, signIn } from '../../../../test/support/identity-client.ts';
import {
  enableTotp,
  mfaChallenge,
  nextTotp,
  userAuditTrail,
  verifyMfa,
} from '../../../../test/support/mfa-client.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FRESH_SIGN_IN_SECONDS } from '../../service/fresh-sign-in.ts';

const credentials = (user: { email: string; password: string }) => ({
  email: user.email,
  password: user.password,
});

describe('MFA settings over HTTP: turning it off, recovery codes, status', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  /** Makes a session look signed in long ago (sessions.created_at is the authentication time). */
  async function ageSession(sessionId: string): Promise<void> {
    const longAgo = new Date(Date.now() - (FRESH_SIGN_IN_SECONDS + 60) * 1000);
    await t.database.kysely
      .updateTable('sessions')
      .set({ created_at: longAgo })
      .where('id', '=', sessionId)
      .execute();
  }

  /** A user with TOTP on and two sessions: one signed in long ago, one just now. */
  async function userWithMfa() {
    const user = await newSignedInUser(t.app);
    const fresh = (await signIn(t.app, credentials(user))).json();
    const totp = await enableTotp(t.app, fresh.access_token);
    await ageSession(user.session_id);
    return { user, totp, old: bearer(user.access_token), fresh: bearer(fresh.access_token) };
  }

  function disable(headers: Record<string, string>, payload?: Record<string, string>) {
    return t.app.inject({
      method: 'DELETE',
      url: '/v1/me/mfa/totp',
      headers,
      ...(payload ? { payload } : {}),
    });
  }

  function regenerate(headers: Record<string, string>, payload?: Record<string, string>) {
    return t.app.inject({
      method: 'POST',
      url: '/v1/me/mfa/recovery-codes',
      headers,
      ...(payload ? { payload } : {}),
    });
  }

  it('sets up an authenticator only from a fresh sign-in, so an old stolen session cannot add one', async () => {
    const user = await newSignedInUser(t.app);
    await ageSession(user.session_id);
    const stale = await t.app.inject({
      method: 'POST',
      url: '/v1/me/mfa/totp',
      headers: bearer(user.access_token),
    });
    assert.equal(stale.statusCode, 403, stale.body);
    assert.equal(stale.json().code, 'fresh_sign_in_required');
    const fresh = (await signIn(t.app, credentials(user))).json();
    const ok = await t.app.inject({
      method: 'POST',
      url: '/v1/me/mfa/totp',
      headers: bearer(fresh.access_token),
    });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  it('turns MFA off only with a fresh sign-in and a current code; then sign-in is one step again', async () => {
    const { user, totp, old, fresh } = await userWithMfa();
    const { code } = nextTotp(totp.secret, totp.lastStep);

    const stale = await disable(old, { code });
    assert.equal(stale.statusCode, 403, stale.body);
    assert.equal(stale.json().code, 'fresh_sign_in_required');

    const bodies: Array<Record<string, string> | undefined> = [
      undefined,
      {},
      { code, recovery_code: totp.recoveryCodes[0] as string },
    ];
    for (const payload of bodies) {
      const res = await disable(fresh, payload);
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
      assert.equal(res.json().code, 'validation_failed');
    }
    const wrong = await disable(fresh, { code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 422, wrong.body);
    assert.equal(wrong.json().code, 'mfa_code_rejected');

    // The stale attempt did not spend the code: it still works now.
    const done = await disable(fresh, { code });
    assert.equal(done.statusCode, 204, done.body);

    const status = await t.app.inject({ method: 'GET', url: '/v1/me/mfa', headers: fresh });
    assert.deepEqual(status.json(), {
      totp: { enabled: false, confirmed_at: null },
      recovery_codes_remaining: 0,
    });
    const rows = await t.database.kysely
      .selectFrom('user_recovery_codes')
      .select('id')
      .where('user_id', '=', user.user.id)
      .execute();
    assert.equal(rows.length, 0, 'the recovery codes are deleted');
    const totpRow = await t.database.kysely
      .selectFrom('user_totp')
      .select('user_id')
      .where('user_id', '=', user.user.id)
      .executeTakeFirst();
    assert.equal(totpRow, undefined, 'the seed is deleted');
    assert.equal((await signIn(t.app, credentials(user))).json().status, 'signed_in');

    const again = await disable(fresh, { code });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().code, 'mfa_not_enabled');

    const trail = await userAuditTrail(t.app, t.operator, user.user.id);
    const refusals = trail
      .filter((e) => e.action === 'user.mfa_change_refused')
      .map((e) => e.metadata.reason);
    assert.ok(
      refusals.includes('stale_sign_in') && refusals.includes('wrong_code'),
      JSON.stringify(refusals),
    );
    const disabled = trail.find((e) => e.action === 'user.mfa_disabled');
    assert.deepEqual(disabled?.metadata, { method: 'totp', proved_with: 'otp' });
  });

  it('turns MFA off with a recovery code instead of the app', async () => {
    const { user, totp, fresh } = await userWithMfa();
    const res = await disable(fresh, { recovery_code: totp.recoveryCodes[9] as string });
    assert.equal(res.statusCode, 204, res.body);
    assert.equal((await signIn(t.app, credentials(user))).json().status, 'signed_in');
  });

  it('regenerates recovery codes: with a fresh sign-in, or a code from an old session; old codes die', async () => {
    const { user, totp, old, fresh } = await userWithMfa();
    const [spent, unused] = totp.recoveryCodes as [string, string];
    const used = await verifyMfa(t.app, {
      mfa_token: await mfaChallenge(t.app, credentials(user)),
      recovery_code: spent,
    });
    assert.equal(used.statusCode, 200, used.body);

    const withoutCode = await regenerate(old);
    assert.equal(withoutCode.statusCode, 403, withoutCode.body);
    assert.equal(withoutCode.json().code, 'fresh_sign_in_required');
    const { code } = nextTotp(totp.secret, totp.lastStep);
    const wrongCode = await regenerate(old, { code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrongCode.statusCode, 422, wrongCode.body);
    assert.equal(wrongCode.json().code, 'mfa_code_rejected');
    // A code given to a fresh session is still checked.
    const wrongRecovery = await regenerate(fresh, { recovery_code: spent });
    assert.equal(wrongRecovery.json().code, 'mfa_code_rejected');

    const withCode = await regenerate(old, { code });
    assert.equal(withCode.statusCode, 200, withCode.body);
    assert.equal(withCode.headers['cache-control'], 'no-store');
    const second: string[] = withCode.json().recovery_codes;
    assert.equal(second.length, 10);

    const byFreshness = await regenerate(fresh);
    assert.equal(byFreshness.statusCode, 200, byFreshness.body);
    const third: string[] = byFreshness.json().recovery_codes;
    assert.equal(third.length, 10);
    assert.equal(new Set([...second, ...third, ...totp.recoveryCodes]).size, 30, 'every set is new');

    for (const dead of [unused, second[0] as string]) {
      const res = await verifyMfa(t.app, {
        mfa_token: await mfaChallenge(t.app, credentials(user)),
        recovery_code: dead,
      });
      assert.equal(res.json().code, 'invalid_mfa_code', `${dead} is void`);
    }
    const live = await verifyMfa(t.app, {
      mfa_token: await mfaChallenge(t.app, credentials(user)),
      recovery_code: third[5] as string,
    });
    assert.equal(live.statusCode, 200, live.body);
    const status = await t.app.inject({ method: 'GET', url: '/v1/me/mfa', headers: fresh });
    assert.equal(status.json().recovery_codes_remaining, 9);
    assert.equal(status.json().totp.enabled, true);

    const trail = await userAuditTrail(t.app, t.operator, user.user.id);
    const regenerated = trail.filter((e) => e.action === 'user.recovery_codes_regenerated');
    assert.deepEqual(
      regenerated.map((e) => e.metadata.proved_with),
      ['otp', 'fresh_sign_in'],
    );
  });

  it('answers mfa_not_enabled to users without a confirmed authenticator', async () => {
    const user = await newSignedInUser(t.app);
    const headers = bearer(user.access_token);
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/v1/me/mfa/totp/confirm',
      headers,
      payload: { code: '123456' },
    });
    assert.equal(confirm.statusCode, 409, confirm.body);
    assert.equal(confirm.json().code, 'mfa_not_enabled');
    assert.equal((await regenerate(headers)).json().code, 'mfa_not_enabled');
    assert.equal((await disable(headers, { code: '123456' })).json().code, 'mfa_not_enabled');
  });

  it('needs a signed-in user: no token, or an operator key, gets no MFA settings', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/v1/me/mfa' });
    assert.equal(anonymous.statusCode, 401, anonymous.body);
    const operator = await t.app.inject({ method: 'POST', url: '/v1/me/mfa/totp', headers: t.operator });
    assert.equal(operator.statusCode, 403, operator.body);
  });
});
