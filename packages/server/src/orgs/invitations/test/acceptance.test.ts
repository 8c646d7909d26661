import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { codeOf, jwtClaims, postJson } from '../../../../test/support/email-flow-client.ts';
import {
  bearer,
  newSignedInUser,
  STRONG_PASSWORD,
  signIn,
  signUp,
  uniqueEmail,
} from '../../../../test/support/identity-client.ts';
import {
  acceptInvitation,
  invite,
  mailedInvitationToken,
  previewInvitation,
  signUpWithInvitation,
} from '../../../../test/support/invitations-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../../test/support/mail-test-app.ts';
import { addMember, callAs, createOrg, orgAuditActions } from '../../../../test/support/orgs-client.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';

/** The token holder's side over HTTP: preview, accept signed in, accept as a new user; every dead end. */
describe('organization invitations: accepting', () => {
  let t: MailTestApp;
  before(async () => {
    t = await startMailTestApp();
  });
  after(() => t.close());

  async function invitation(role = 'member', email = uniqueEmail('Invitee')) {
    const owner = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Acme Rockets' });
    const created = await invite(t.app, owner.access_token, org.id, { email, role });
    const token = await mailedInvitationToken(t.smtp, email);
    return { owner, org, created, token, email };
  }

  const memberRole = async (orgId: string, accessToken: string) =>
    (await callAs(t.app, 'GET', `/v1/organizations/${orgId}/members/me/permissions`, accessToken)).json()
      .role;

  it('previews the organization, role, masked address and expiry; takes the token only in the body', async () => {
    const { org, token, email, created } = await invitation('viewer', 'annabel.lee@example.test');
    const res = await previewInvitation(t.app, token);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      organization: { id: org.id, name: 'Acme Rockets', slug: org.slug, logo_url: null },
      role: { key: 'viewer', name: 'Viewer' },
      email_hint: 'an***@example.test',
      expires_at: created.expires_at,
    });
    assert.ok(!res.body.includes(email));
    const inPath = await t.app.inject({ method: 'GET', url: `/v1/invitations/${encodeURIComponent(token)}` });
    assert.equal(inPath.statusCode, 404);
    for (const bad of [
      'nonsense',
      `${token.slice(0, -2)}xx`,
      'ks_inv_0000000000000000000000000000000000000000000',
    ]) {
      const unknown = await previewInvitation(t.app, bad);
      assert.equal(unknown.statusCode, 404, unknown.body);
      assert.equal(unknown.json().code, 'invitation_not_found');
    }
  });

  it('a signed-in user with the invited address (any case) joins with the role, once; audited', async () => {
    const email = uniqueEmail('Mixed.Case');
    const invitee = await newSignedInUser(t.app, { email: email.toLowerCase() });
    const { org, created, token, owner } = await invitation('developer', email.toUpperCase());
    const res = await acceptInvitation(t.app, invitee.access_token, token);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { org_id: org.id, role: 'developer' });
    assert.equal(await memberRole(org.id, invitee.access_token), 'developer');
    const again = await acceptInvitation(t.app, invitee.access_token, token);
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().code, 'invitation_used');
    assert.equal((await previewInvitation(t.app, token)).json().code, 'invitation_used');

    const entries = await orgAuditActions(t.app, t.operator, org.id);
    const accepted = entries.find((e) => e.action === 'invitation.accepted');
    const added = entries.find((e) => e.action === 'member.added');
    assert.ok(accepted && added);
    assert.equal(accepted.target_id, created.id);
    assert.equal(accepted.actor_id, invitee.user.id);
    assert.equal(added.target_id, invitee.user.id);
    assert.deepEqual(added.metadata, { role: 'developer', invitation_id: created.id });
    assert.ok(!JSON.stringify(entries).toLowerCase().includes(email.toLowerCase()));
    const list = await callAs(t.app, 'GET', `/v1/organizations/${org.id}/invitations`, owner.access_token);
    assert.deepEqual(list.json().data, []);
  });

  it('another signed-in account gets invitation_email_mismatch and joins nothing', async () => {
    const { org, token } = await invitation();
    const someoneElse = await newSignedInUser(t.app);
    const res = await acceptInvitation(t.app, someoneElse.access_token, token);
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().code, 'invitation_email_mismatch');
    const perms = await callAs(
      t.app,
      'GET',
      `/v1/organizations/${org.id}/members/me/permissions`,
      someoneElse.access_token,
    );
    assert.equal(perms.json().code, 'not_a_member');
    // The invitation is still usable by its addressee.
    assert.equal((await previewInvitation(t.app, token)).statusCode, 200);
  });

  it('accepting without a session is unauthenticated; an API key is not a user', async () => {
    const { token } = await invitation();
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/v1/invitations/accept',
      payload: { token },
    });
    assert.equal(anonymous.statusCode, 401, anonymous.body);
    const operator = await t.app.inject({
      method: 'POST',
      url: '/v1/invitations/accept',
      headers: t.operator,
      payload: { token },
    });
    assert.equal(operator.statusCode, 403, operator.body);
  });

  it('an expired invitation answers invitation_expired everywhere', async () => {
    const { org, created, token, email } = await invitation();
    await withTenant(t.database, org.id, (scope) =>
      scope.db
        .updateTable('org_invitations')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', created.id)
        .execute(),
    );
    assert.equal((await previewInvitation(t.app, token)).json().code, 'invitation_expired');
    const res = await signUpWithInvitation(t.app, { token, password: STRONG_PASSWORD });
    assert.equal(res.statusCode, 410, res.body);
    assert.equal(res.json().code, 'invitation_expired');
    // Nothing was made for the address.
    const tryIn = await signIn(t.app, { email, password: STRONG_PASSWORD });
    assert.equal(tryIn.json().code, 'invalid_credentials');
  });

  it('a member already (joined another way meanwhile) gets already_a_member; the invitation stays open', async () => {
    const invitee = await newSignedInUser(t.app);
    const { org, token } = await invitation('viewer', invitee.email);
    await addMember(t.database, org.id, invitee.user.id, 'member');
    const res = await acceptInvitation(t.app, invitee.access_token, token);
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'already_a_member');
    assert.equal(await memberRole(org.id, invitee.access_token), 'member');
  });

  it('a new user signs up with the invitation: verified account, membership and a session in one step', async () => {
    const { org, created, token, email } = await invitation('member');
    const res = await signUpWithInvitation(t.app, { token, password: STRONG_PASSWORD, name: 'Nina New' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.status, 'signed_in');
    assert.deepEqual(body.membership, { org_id: org.id, role: 'member' });
    assert.equal(body.user.email, email);
    assert.equal(body.user.email_verified, true);
    assert.equal(body.user.name, 'Nina New');
    assert.deepEqual(jwtClaims(body.access_token).amr, ['pwd']);
    assert.equal(await memberRole(org.id, body.access_token), 'member');
    // No verification mail: the invitation proved the address. Signing in works with the password.
    assert.equal(t.smtp.messages.filter((m) => m.to === email.toLowerCase() || m.to === email).length, 1);
    const again = await signIn(t.app, { email, password: STRONG_PASSWORD });
    assert.equal(again.statusCode, 200, again.body);
    const reused = await signUpWithInvitation(t.app, { token, password: STRONG_PASSWORD });
    assert.equal(reused.json().code, 'invitation_used', reused.body);
    const actions = (await orgAuditActions(t.app, t.operator, org.id)).map((e) => [e.action, e.target_id]);
    assert.deepEqual(actions.slice(-2), [
      ['invitation.accepted', created.id],
      ['member.added', body.user.id],
    ]);
  });

  it('the sign-up can hand the refresh token over as an HttpOnly cookie, as sign-in does', async () => {
    const { token } = await invitation('viewer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/invitations/sign-up',
      headers: { 'x-keystone-token-delivery': 'cookie' },
      payload: { token, password: STRONG_PASSWORD },
      remoteAddress: '10.88.0.1',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().refresh_token, undefined);
    assert.match(String(res.headers['set-cookie']), /HttpOnly/);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/invitations/sign-up',
      headers: { 'x-keystone-token-delivery': 'carrier-pigeon' },
      payload: { token, password: STRONG_PASSWORD },
      remoteAddress: '10.88.0.2',
    });
    assert.equal(bad.statusCode, 400, bad.body);
  });

  it('signing up with an invitation to an address that has an account: invitation_account_exists, nothing changed', async () => {
    const existing = await newSignedInUser(t.app);
    const { org, token } = await invitation('viewer', existing.email);
    const res = await signUpWithInvitation(t.app, { token, password: 'another strong password 99' });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'invitation_account_exists');
    // The account's password is unchanged and the invitation still open: sign in and accept.
    const tryNew = await signIn(t.app, { email: existing.email, password: 'another strong password 99' });
    assert.equal(tryNew.json().code, 'invalid_credentials');
    const accepted = await acceptInvitation(t.app, existing.access_token, token);
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().org_id, org.id);
  });

  it('the sign-up refuses a weak password before making anything', async () => {
    const { token, email } = await invitation();
    const res = await signUpWithInvitation(t.app, { token, password: 'password' });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'password_rejected');
    const tryIn = await signIn(t.app, { email, password: STRONG_PASSWORD });
    assert.equal(tryIn.json().code, 'invalid_credentials');
    assert.equal((await previewInvitation(t.app, token)).statusCode, 200);
  });

  it('the token routes are limited per client IP', async () => {
    const ip = '203.0.113.77';
    let limited: { statusCode: number; json(): { code: string } } | undefined;
    for (let i = 0; i < 12 && !limited; i++) {
      const res = await previewInvitation(t.app, `ks_inv_guess${i}`, ip);
      if (res.statusCode === 429) limited = res;
      else assert.equal(res.json().code, 'invitation_not_found');
    }
    assert.ok(limited, 'a flood of guesses from one address is limited');
    assert.equal(limited.json().code, 'rate_limited');
    // Another address is not held back.
    const elsewhere = await previewInvitation(t.app, 'ks_inv_guess', '203.0.113.78');
    assert.equal(elsewhere.json().code, 'invitation_not_found');
    const signUpLimited = await signUpWithInvitation(t.app, { token: 'ks_inv_x', password: 'x' }, ip);
    assert.notEqual(signUpLimited.statusCode, 429, 'each route has its own budget');
  });

  it('a revoked invitation cannot be used to sign up or accept', async () => {
    const invitee = await newSignedInUser(t.app);
    const { org, created, token, owner } = await invitation('viewer', invitee.email);
    const revoke = await callAs(
      t.app,
      'DELETE',
      `/v1/organizations/${org.id}/invitations/${created.id}`,
      owner.access_token,
    );
    assert.equal(revoke.statusCode, 204);
    const res = await acceptInvitation(t.app, invitee.access_token, token);
    assert.equal(res.statusCode, 410, res.body);
    assert.equal(res.json().code, 'invitation_revoked');
    const owners = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${org.id}/members`,
      headers: bearer(owner.access_token),
    });
    assert.equal(owners.json().data.length, 1);
  });
});

describe('organization invitations: signing up where email verification is required', () => {
  let t: MailTestApp;
  before(async () => {
    t = await startMailTestApp({ KEYSTONE_REQUIRE_EMAIL_VERIFICATION: 'true' });
  });
  after(() => t.close());

  it('the account the invitation makes is verified: it gets a session now and signs in later', async () => {
    const owner = { email: uniqueEmail('owner'), password: STRONG_PASSWORD };
    assert.equal((await signUp(t.app, owner)).statusCode, 202);
    const code = codeOf(await t.smtp.waitForMail(owner.email));
    const verified = await postJson(t.app, '/v1/auth/verify-email', { email: owner.email, code });
    assert.equal(verified.statusCode, 200, verified.body);
    const session = (await signIn(t.app, owner)).json();
    const org = await createOrg(t.app, session.access_token, { name: 'Verified Co' });
    const email = uniqueEmail('newcomer');
    await invite(t.app, session.access_token, org.id, { email, role: 'viewer' });
    const token = await mailedInvitationToken(t.smtp, email);
    const res = await signUpWithInvitation(t.app, { token, password: STRONG_PASSWORD });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'signed_in');
    assert.equal(res.json().user.email_verified, true);
    const later = await signIn(t.app, { email, password: STRONG_PASSWORD });
    assert.equal(later.statusCode, 200, later.body);
  });
});
