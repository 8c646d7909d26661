import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, newSignedInUser } from '../../../test/support/identity-client.ts';
import { enableTotp } from '../../../test/support/mfa-client.ts';
import { addMember, callAs, createOrg } from '../../../test/support/orgs-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';

describe('GDPR: exporting a user', () => {
  let t: TestApp;
  before(async () => {
    // No SMTP_URL: mail goes to the development outbox, which the export covers too.
    t = await startTestApp();
  });
  after(() => t.close());

  it('has a section per module: account, sessions, MFA status, security events, memberships, API keys, mail', async () => {
    const ann = await newSignedInUser(t.app, { name: 'Ann Export' });
    const totp = await enableTotp(t.app, ann.access_token);
    const other = await newSignedInUser(t.app);
    const own = await createOrg(t.app, ann.access_token, { name: 'Ann Co' });
    const joined = await createOrg(t.app, other.access_token, { name: 'Other Co' });
    await addMember(t.database, joined.id, ann.user.id, 'developer');
    const key = await t.app.inject({
      method: 'POST',
      url: `/v1/organizations/${own.id}/api-keys`,
      headers: bearer(ann.access_token),
      payload: { name: 'ann key', scopes: ['orgs:read'] },
    });
    assert.equal(key.statusCode, 201, key.body);

    const res = await callAs(t.app, 'GET', '/v1/me/export', ann.access_token);
    assert.equal(res.statusCode, 200, res.body);
    const doc = res.json();
    assert.equal(doc.kind, 'user');
    assert.equal(doc.id, ann.user.id);
    const { identity, organizations, api_keys, mail_outbox } = doc.sections;

    assert.equal(identity.user.email, ann.email);
    assert.equal(identity.user.name, 'Ann Export');
    assert.equal(identity.user.email_verified_at, null);
    assert.equal(identity.user.has_password, true);
    assert.ok(identity.user.created_at);
    assert.ok(identity.user.last_sign_in_at);
    assert.ok(identity.sessions.some((s: { id: string }) => s.id === ann.session_id));
    assert.ok('ip' in identity.sessions[0] && 'user_agent' in identity.sessions[0]);
    assert.equal(identity.mfa.totp_enabled, true);
    assert.equal(identity.mfa.recovery_codes_remaining, totp.recoveryCodes.length);
    const actions = identity.security_events.map((e: { action: string }) => e.action);
    for (const action of ['user.signed_up', 'user.signed_in', 'user.mfa_enabled']) {
      assert.ok(actions.includes(action), `${action} in ${actions.join()}`);
    }
    assert.ok(
      identity.security_events.every(
        (e: { actor_id: string | null; target_id: string | null }) =>
          e.actor_id === ann.user.id || e.target_id === ann.user.id,
      ),
    );

    assert.deepEqual(
      organizations.memberships.map((m: { org_id: string; role: string }) => [m.org_id, m.role]).sort(),
      [
        [own.id, 'owner'],
        [joined.id, 'developer'],
      ].sort(),
    );
    assert.deepEqual(
      organizations.created_organizations.map((o: { org_id: string }) => o.org_id),
      [own.id],
    );
    assert.equal(api_keys.length, 1);
    assert.equal(api_keys[0].org_id, own.id);
    // The invitations module registers its own section.
    assert.ok('invitations' in doc.sections);
    assert.ok(mail_outbox.some((m: { to_address: string }) => m.to_address === ann.email));

    // Never a secret: no TOTP seed, recovery code, password hash or key hash.
    const text = JSON.stringify(doc);
    assert.equal(text.includes(totp.secret), false);
    for (const code of totp.recoveryCodes) assert.equal(text.includes(code), false);
    for (const secret of ['$argon2', 'secret_hash', 'code_hash', 'token_hash']) {
      assert.equal(text.includes(secret), false, secret);
    }

    // Operators export the same document for any user.
    const byOperator = await t.app.inject({
      method: 'GET',
      url: `/v1/users/${ann.user.id}/export`,
      headers: t.operator,
    });
    assert.equal(byOperator.statusCode, 200, byOperator.body);
    assert.deepEqual(Object.keys(byOperator.json().sections).sort(), Object.keys(doc.sections).sort());
  });

  it('is for operators only at /v1/users/{userId}/export; a user gets 403', async () => {
    const ann = await newSignedInUser(t.app);
    const bob = await newSignedInUser(t.app);
    const res = await callAs(t.app, 'GET', `/v1/users/${bob.user.id}/export`, ann.access_token);
    assert.equal(res.statusCode, 403, res.body);
    const erase = await callAs(t.app, 'DELETE', `/v1/users/${bob.user.id}`, ann.access_token);
    assert.equal(erase.statusCode, 403, erase.body);
  });
});
