import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, newSignedInUser, refresh, signIn } from '../../../test/support/identity-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { testBackend } from '../../../test/support/test-database.ts';

describe('sessions and rotating refresh tokens over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('rotates the refresh token on every use and keeps the session', async () => {
    const user = await newSignedInUser(t.app);
    const first = await refresh(t.app, user.refresh_token);
    assert.equal(first.statusCode, 200, first.body);
    const body = first.json();
    assert.notEqual(body.refresh_token, user.refresh_token);
    assert.equal(body.session_id, user.session_id);
    const second = await refresh(t.app, body.refresh_token);
    assert.equal(second.statusCode, 200, second.body);
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: bearer(second.json().access_token),
    });
    assert.equal(me.statusCode, 200);
  });

  it('treats a reused refresh token as theft: every session of the user ends, and it is audited', async () => {
    const user = await newSignedInUser(t.app);
    const otherDevice = await signIn(t.app, { email: user.email, password: user.password });
    const other = otherDevice.json();
    const rotated = (await refresh(t.app, user.refresh_token)).json();

    const replay = await refresh(t.app, user.refresh_token);
    assert.equal(replay.statusCode, 401);
    assert.equal(replay.json().code, 'refresh_token_reused');
    // The thief's fresh token and the other device's token are dead too.
    for (const token of [rotated.refresh_token, other.refresh_token]) {
      const res = await refresh(t.app, token);
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().code, 'invalid_refresh_token');
    }
    const audit = await t.app.inject({
      method: 'GET',
      url: '/v1/organizations/instance/audit-log?limit=500',
      headers: t.operator,
    });
    const reuse = audit
      .json()
      .data.find(
        (e: { action: string; actor_id: string }) =>
          e.action === 'session.refresh_token_reused' && e.actor_id === user.user.id,
      );
    assert.ok(reuse, 'the reuse is in the audit log');
    assert.equal(reuse.metadata.revoked_sessions.length, 2);
  });

  it('refuses garbage, and tokens of signed-out sessions', async () => {
    for (const token of ['nope', 'ks_rt_0000000000000000000000000000000000000000000']) {
      const res = await refresh(t.app, token);
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().code, 'invalid_refresh_token');
    }
    const user = await newSignedInUser(t.app);
    const out = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: bearer(user.access_token),
    });
    assert.equal(out.statusCode, 204, out.body);
    const res = await refresh(t.app, user.refresh_token);
    assert.equal(res.json().code, 'invalid_refresh_token');
  });

  it('lists sessions, ends one, and signs out everywhere', async () => {
    const user = await newSignedInUser(t.app);
    const second = (await signIn(t.app, { email: user.email, password: user.password })).json();
    const list = await t.app.inject({
      method: 'GET',
      url: '/v1/me/sessions',
      headers: bearer(user.access_token),
    });
    assert.equal(list.statusCode, 200, list.body);
    const sessions = list.json().data;
    assert.equal(sessions.length, 2);
    assert.equal(sessions.find((s: { current: boolean }) => s.current).id, user.session_id);

    const end = await t.app.inject({
      method: 'DELETE',
      url: `/v1/me/sessions/${second.session_id}`,
      headers: bearer(user.access_token),
    });
    assert.equal(end.statusCode, 204, end.body);
    assert.equal((await refresh(t.app, second.refresh_token)).json().code, 'invalid_refresh_token');

    // Another user's session is not yours to end (and its existence is not confirmed).
    const stranger = await newSignedInUser(t.app);
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/v1/me/sessions/${user.session_id}`,
      headers: bearer(stranger.access_token),
    });
    assert.equal(foreign.statusCode, 404);

    const third = (await signIn(t.app, { email: user.email, password: user.password })).json();
    const all = await t.app.inject({
      method: 'DELETE',
      url: '/v1/me/sessions',
      headers: bearer(user.access_token),
    });
    assert.equal(all.statusCode, 204);
    for (const token of [user.refresh_token, third.refresh_token]) {
      assert.equal((await refresh(t.app, token)).json().code, 'invalid_refresh_token');
    }
  });

  it('needs a user token for /v1/me: none is 401, an operator key is 403', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/v1/me' });
    assert.equal(none.statusCode, 401);
    const operator = await t.app.inject({ method: 'GET', url: '/v1/me', headers: t.operator });
    assert.equal(operator.statusCode, 403);
    const forged = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer('a.b.c') });
    assert.equal(forged.statusCode, 401);
  });

  it('issues exactly one new pair when the same refresh token is used twice at once', {
    skip: testBackend === 'pglite' ? 'PGlite runs one statement at a time; the race needs PostgreSQL' : false,
  }, async () => {
    const user = await newSignedInUser(t.app);
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh(t.app, user.refresh_token)));
    const ok = results.filter((r) => r.statusCode === 200);
    assert.equal(ok.length, 1, results.map((r) => r.body).join('\n'));
    // The first loser is reuse (and ends the session); later losers find it ended.
    const codes = results.filter((x) => x.statusCode !== 200).map((r) => r.json().code);
    assert.ok(codes.includes('refresh_token_reused'), codes.join());
    for (const code of codes)
      assert.ok(['refresh_token_reused', 'invalid_refresh_token'].includes(code), code);
  });
});

describe('the refresh reuse grace period (KEYSTONE_REFRESH_REUSE_GRACE_SECONDS)', () => {
  it('lets a token used again within the window get a new pair, without ending the sessions', async () => {
    const t = await startTestApp({ env: { KEYSTONE_REFRESH_REUSE_GRACE_SECONDS: '30' } });
    try {
      const user = await newSignedInUser(t.app);
      const first = await refresh(t.app, user.refresh_token);
      const second = await refresh(t.app, user.refresh_token);
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(second.statusCode, 200, second.body);
      assert.notEqual(first.json().refresh_token, second.json().refresh_token);
      assert.equal(second.json().session_id, user.session_id);
      // Both descendants live on: a benign race ended nothing.
      assert.equal((await refresh(t.app, first.json().refresh_token)).statusCode, 200);
      assert.equal((await refresh(t.app, second.json().refresh_token)).statusCode, 200);
      // Outside the window it is reuse again.
      await t.database.kysely
        .updateTable('refresh_tokens')
        .set({ rotated_at: new Date(Date.now() - 60_000) })
        .where('session_id', '=', user.session_id)
        .where('rotated_at', 'is not', null)
        .execute();
      const late = await refresh(t.app, user.refresh_token);
      assert.equal(late.json().code, 'refresh_token_reused');
    } finally {
      await t.close();
    }
  });
});
