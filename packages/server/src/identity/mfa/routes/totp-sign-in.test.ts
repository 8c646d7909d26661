import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, newSignedInUser, refresh, signIn } from '../../../../test/support/identity-client.ts';
import {
  enableTotp,
  jwtClaims,
  mfaChallenge,
  nextTotp,
  userAuditTrail,
  verifyMfa,
} from '../../../../test/support/mfa-client.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { totpCode } from '../engine/totp.ts';

const credentials = (user: { email: string; password: string }) => ({
  email: user.email,
  password: user.password,
});
const RECOVERY_CODE = /^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/;

describe('TOTP enrollment and the second sign-in step over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('enrolls: a base32 secret, its otpauth URI and QR code, stored encrypted and unconfirmed', async () => {
    const user = await newSignedInUser(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/me/mfa/totp',
      headers: bearer(user.access_token),
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = res.json();
    assert.match(body.secret, /^[A-Z2-7]{32}$/, '160 bits in base32');
    const uri = new URL(body.otpauth_uri);
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(decodeURIComponent(uri.pathname), `/Keystone:${user.email}`);
    assert.equal(uri.searchParams.get('secret'), body.secret);
    assert.equal(uri.searchParams.get('issuer'), 'Keystone');
    assert.match(body.qr_svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>\s*$/);
    assert.match(body.qr_data_url, /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    const png = Buffer.from(body.qr_data_url.split(',')[1], 'base64');
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const row = await t.database.kysely
      .selectFrom('user_totp')
      .selectAll()
      .where('user_id', '=', user.user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.confirmed_at, null);
    assert.ok(!row.secret_ciphertext.includes(body.secret), 'the seed is not stored in clear');
    assert.ok(!row.secret_ciphertext.toUpperCase().includes(body.secret.slice(0, 12)));

    // Unconfirmed: MFA is not on yet, sign-in is one step, and enrolling again replaces the seed.
    const status = await t.app.inject({
      method: 'GET',
      url: '/v1/me/mfa',
      headers: bearer(user.access_token),
    });
    assert.deepEqual(status.json(), {
      totp: { enabled: false, confirmed_at: null },
      recovery_codes_remaining: 0,
    });
    assert.equal((await signIn(t.app, credentials(user))).json().status, 'signed_in');
    const again = await t.app.inject({
      method: 'POST',
      url: '/v1/me/mfa/totp',
      headers: bearer(user.access_token),
    });
    assert.equal(again.statusCode, 201, again.body);
    assert.notEqual(again.json().secret, body.secret);
    // The replaced seed no longer confirms.
    const stale = await t.app.inject({
      method: 'POST',
      url: '/v1/me/mfa/totp/confirm',
      headers: bearer(user.access_token),
      payload: { code: totpCode({ secret: body.secret }) },
    });
    assert.equal(stale.statusCode, 422, stale.body);
    assert.equal(stale.json().code, 'mfa_code_rejected');
  });

  it('confirms with a real code: recovery codes once, hashed at rest, MFA on; enrolling again is refused', async () => {
    const user = await newSignedInUser(t.app);
    const headers = bearer(user.access_token);
    const enroll = await t.app.inject({ method: 'POST', url: '/v1/me/mfa/totp', headers });
    const { secret } = enroll.json();
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/v1/me/mfa/totp/confirm',
      headers,
      payload: { code: '000000' === totpCode({ secret }) ? '111111' : '000000' },
    });
    assert.equal(wrong.statusCode, 422, wrong.body);
    assert.equal(wrong.json().code, 'mfa_code_rejected');
    assert.equal(wrong.json().errors[0].field, 'code');

    const { code, step } = nextTotp(secret, -1);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/me/mfa/totp/confirm',
      headers,
      payload: { code },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const codes: string[] = res.json().recovery_codes;
    assert.equal(codes.length, 10);
    for (const c of codes) assert.match(c, RECOVERY_CODE);
    assert.equal(new Set(codes).size, 10);

    const row = await t.database.kysely
      .selectFrom('user_totp')
      .selectAll()
      .where('user_id', '=', user.user.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.confirmed_at instanceof Date);
    assert.equal(Number(row.last_used_step), step, 'the confirming code is spent');
    const stored = await t.database.kysely
      .selectFrom('user_recovery_codes')
      .select('code_hash')
      .where('user_id', '=', user.user.id)
      .execute();
    assert.equal(stored.length, 10);
    for (const { code_hash } of stored) {
      assert.match(code_hash, /^hmac-sha256\$/);
      for (const c of codes) assert.ok(!code_hash.includes(c.replace('-', '')));
    }

    const status = (await t.app.inject({ method: 'GET', url: '/v1/me/mfa', headers })).json();
    assert.equal(status.totp.enabled, true);
    assert.equal(status.recovery_codes_remaining, 10);
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/me', headers })).json().mfa_enabled, true);

    const enrollAgain = await t.app.inject({ method: 'POST', url: '/v1/me/mfa/totp', headers });
    assert.equal(enrollAgain.statusCode, 409, enrollAgain.body);
    assert.equal(enrollAgain.json().code, 'mfa_already_enabled');
    const confirmAgain = await t.app.inject({
      method: 'POST',
      url: '/v1/me/mfa/totp/confirm',
      headers,
      payload: { code: nextTotp(secret, step).code },
    });
    assert.equal(confirmAgain.json().code, 'mfa_already_enabled');

    const trail = (await userAuditTrail(t.app, t.operator, user.user.id)).map((e) => e.action);
    for (const action of ['user.mfa_enrollment_started', 'user.mfa_change_refused', 'user.mfa_enabled']) {
      assert.ok(trail.includes(action), `${action} is audited`);
    }
  });

  it('signs in with password then TOTP: amr pwd+otp+mfa, kept on refresh; the mfa_token is no bearer', async () => {
    const user = await newSignedInUser(t.app);
    const totp = await enableTotp(t.app, user.access_token);
    const first = await signIn(t.app, credentials(user));
    assert.equal(first.statusCode, 200, first.body);
    const challenge = first.json();
    assert.equal(challenge.status, 'mfa_required');
    assert.match(challenge.mfa_token, /^ks_mfa_/);
    assert.deepEqual(challenge.methods, ['totp', 'recovery_code']);
    assert.equal(challenge.access_token, undefined);

    const asBearer = await t.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: bearer(challenge.mfa_token),
    });
    assert.equal(asBearer.statusCode, 401, asBearer.body);

    // The code that confirmed the enrollment cannot finish a sign-in.
    const confirming = totpCode({ secret: totp.secret, now: totp.lastStep * 30_000 });
    const replayed = await verifyMfa(t.app, { mfa_token: challenge.mfa_token, code: confirming });
    assert.equal(replayed.statusCode, 401, replayed.body);
    assert.equal(replayed.json().code, 'invalid_mfa_code');

    const { code } = nextTotp(totp.secret, totp.lastStep);
    const res = await verifyMfa(t.app, { mfa_token: challenge.mfa_token, code });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const signedIn = res.json();
    assert.equal(signedIn.status, 'signed_in');
    assert.equal(signedIn.user.mfa_enabled, true);
    assert.deepEqual(jwtClaims(signedIn.access_token).amr, ['pwd', 'otp', 'mfa']);
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(signedIn.access_token) });
    assert.equal(me.statusCode, 200, me.body);

    const refreshed = await refresh(t.app, signedIn.refresh_token);
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    assert.deepEqual(jwtClaims(refreshed.json().access_token).amr, ['pwd', 'otp', 'mfa']);
    assert.equal(refreshed.json().user.mfa_enabled, true);

    // A challenge is single-use.
    const reused = await verifyMfa(t.app, { mfa_token: challenge.mfa_token, code });
    assert.equal(reused.json().code, 'invalid_mfa_token');
  });

  it('refuses the same TOTP code twice, even on two challenges at once, and audits the replay', async () => {
    const user = await newSignedInUser(t.app);
    const totp = await enableTotp(t.app, user.access_token);
    const tokens = [
      await mfaChallenge(t.app, credentials(user)),
      await mfaChallenge(t.app, credentials(user)),
    ];
    const { code } = nextTotp(totp.secret, totp.lastStep);
    const answers = await Promise.all(tokens.map((mfa_token) => verifyMfa(t.app, { mfa_token, code })));
    const statuses = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(statuses, [200, 401], answers.map((a) => a.body).join('\n'));
    const refused = answers.find((a) => a.statusCode === 401);
    assert.equal(refused?.json().code, 'invalid_mfa_code');

    const trail = await userAuditTrail(t.app, t.operator, user.user.id);
    assert.ok(trail.some((e) => e.action === 'user.totp_replay_refused'));
    assert.ok(trail.some((e) => e.action === 'user.mfa_failed'));
  });

  it('limits attempts per challenge: the 6th gets invalid_mfa_token even with the right code', async () => {
    const user = await newSignedInUser(t.app);
    const totp = await enableTotp(t.app, user.access_token);
    const mfa_token = await mfaChallenge(t.app, credentials(user));
    const { code } = nextTotp(totp.secret, totp.lastStep);
    const wrongCode = code === '000000' ? '999999' : '000000';
    for (let attempt = 1; attempt <= 5; attempt++) {
      const res = await verifyMfa(t.app, { mfa_token, code: wrongCode });
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().code, 'invalid_mfa_code', `attempt ${attempt}`);
    }
    const sixth = await verifyMfa(t.app, { mfa_token, code });
    assert.equal(sixth.statusCode, 401, sixth.body);
    assert.equal(sixth.json().code, 'invalid_mfa_token');
    // The code was not spent on the dead challenge: a new sign-in takes it.
    const fresh = await verifyMfa(t.app, { mfa_token: await mfaChallenge(t.app, credentials(user)), code });
    assert.equal(fresh.statusCode, 200, fresh.body);
  });

  it('takes a recovery code once (forgiving how it is typed), with its own amr', async () => {
    const user = await newSignedInUser(t.app);
    const totp = await enableTotp(t.app, user.access_token);
    const recovery = totp.recoveryCodes[3] as string;
    const typed = ` ${recovery.toUpperCase().replace('-', ' ')} `;
    const res = await verifyMfa(t.app, {
      mfa_token: await mfaChallenge(t.app, credentials(user)),
      recovery_code: typed,
    });
    assert.equal(res.statusCode, 200, res.body);
    const signedIn = res.json();
    assert.deepEqual(jwtClaims(signedIn.access_token).amr, ['pwd', 'recovery_code', 'mfa']);
    const status = await t.app.inject({
      method: 'GET',
      url: '/v1/me/mfa',
      headers: bearer(signedIn.access_token),
    });
    assert.equal(status.json().recovery_codes_remaining, 9);

    const again = await verifyMfa(t.app, {
      mfa_token: await mfaChallenge(t.app, credentials(user)),
      recovery_code: recovery,
    });
    assert.equal(again.statusCode, 401, again.body);
    assert.equal(again.json().code, 'invalid_mfa_code');

    const used = (await userAuditTrail(t.app, t.operator, user.user.id)).find(
      (e) => e.action === 'user.recovery_code_used',
    );
    assert.deepEqual(used?.metadata, { remaining: 9, purpose: 'sign_in' });
  });

  it('hands the refresh token over in an HttpOnly cookie when a browser app asks for it', async () => {
    const user = await newSignedInUser(t.app);
    const totp = await enableTotp(t.app, user.access_token);
    const payload = {
      mfa_token: await mfaChallenge(t.app, credentials(user)),
      ...nextTotp(totp.secret, totp.lastStep),
    };
    const { step: _step, ...body } = payload;
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/mfa/verify',
      headers: { 'x-keystone-token-delivery': 'cookie' },
      payload: body,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().refresh_token, undefined);
    assert.match(String(res.headers['set-cookie']), /=ks_rt_\w+;.*HttpOnly/);
  });

  it('refuses malformed bodies and unknown challenges without a 500', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ mfa_token: 'ks_mfa_x', code: '123456', recovery_code: 'abcde-fghjk' }, 400, 'validation_failed'],
      [{ mfa_token: 'ks_mfa_x' }, 400, 'validation_failed'],
      [{ code: '123456' }, 400, 'validation_failed'],
      [{ mfa_token: 'nope', code: '123456' }, 401, 'invalid_mfa_token'],
      [{ mfa_token: `ks_mfa_${'0'.repeat(43)}`, recovery_code: 'abcde-fghjk' }, 401, 'invalid_mfa_token'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/auth/mfa/verify', payload });
      assert.equal(res.statusCode, status, `${JSON.stringify(payload)}: ${res.body}`);
      assert.equal(res.json().code, code);
    }
  });
});
