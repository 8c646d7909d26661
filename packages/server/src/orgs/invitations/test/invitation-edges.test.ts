import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
  inviteAs,
  mailedInvitationToken,
} from '../../../../test/support/invitations-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../../test/support/mail-test-app.ts';
import { callAs, createOrg, orgAuditActions } from '../../../../test/support/orgs-client.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createKey } from '../../api-keys/test/api-key-fixtures.ts';

/** Invitations by API keys, two acceptances racing, and mail that cannot be sent. */
describe('organization invitations: keys and races', () => {
  let t: MailTestApp;
  before(async () => {
    t = await startMailTestApp();
  });
  after(() => t.close());

  it('an organization key with orgs:write invites (not as owner); orgs:read cannot; another org’s key meets the wall', async () => {
    const owner = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Keyed' });
    const other = await newSignedInUser(t.app);
    const otherOrg = await createOrg(t.app, other.access_token, { name: 'Other' });
    const keysUrl = (orgId: string) => `/v1/organizations/${orgId}/api-keys`;
    const writer = await createKey(t.app, keysUrl(org.id), bearer(owner.access_token), {
      name: 'backend',
      scopes: ['orgs:write'],
    });
    const reader = await createKey(t.app, keysUrl(org.id), bearer(owner.access_token), {
      name: 'reporting',
      scopes: ['orgs:read'],
    });
    const foreign = await createKey(t.app, keysUrl(otherOrg.id), bearer(other.access_token), {
      name: 'theirs',
      scopes: ['orgs:write'],
    });
    const email = uniqueEmail();
    const made = await inviteAs(t.app, bearer(writer.secret), org.id, { email, role: 'admin' });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(made.json().invited_by, writer.id);
    const mail = await t.smtp.waitForMail(email);
    assert.match(mail.text, /^You are invited to join Keyed as Admin/);
    const asOwner = await inviteAs(t.app, bearer(writer.secret), org.id, {
      email: uniqueEmail(),
      role: 'owner',
    });
    assert.equal(asOwner.statusCode, 403, asOwner.body);
    const readOnly = await inviteAs(t.app, bearer(reader.secret), org.id, {
      email: uniqueEmail(),
      role: 'viewer',
    });
    assert.equal(readOnly.statusCode, 403, readOnly.body);
    const walled = await inviteAs(t.app, bearer(foreign.secret), org.id, {
      email: uniqueEmail(),
      role: 'viewer',
    });
    assert.equal(walled.statusCode, 403, walled.body);
    assert.equal(walled.json().code, 'not_a_member');
    const listed = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${org.id}/invitations`,
      headers: bearer(foreign.secret),
    });
    assert.equal(listed.json().code, 'not_a_member');
    const entry = (await orgAuditActions(t.app, t.operator, org.id)).find(
      (e) => e.action === 'invitation.created',
    );
    assert.equal(entry?.actor_id, writer.id);
  });

  it('two acceptances of one token at once: exactly one joins', async () => {
    const owner = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Racy' });
    const invitee = await newSignedInUser(t.app);
    const made = await inviteAs(t.app, bearer(owner.access_token), org.id, {
      email: invitee.email,
      role: 'viewer',
    });
    assert.equal(made.statusCode, 201);
    const token = await mailedInvitationToken(t.smtp, invitee.email);
    const answers = await Promise.all([
      acceptInvitation(t.app, invitee.access_token, token),
      acceptInvitation(t.app, invitee.access_token, token),
    ]);
    const codes = answers.map((res) => (res.statusCode === 200 ? 'joined' : res.json().code)).sort();
    assert.equal(codes.filter((c) => c === 'joined').length, 1, JSON.stringify(codes));
    assert.ok(
      ['invitation_used', 'already_a_member'].includes(codes.find((c) => c !== 'joined') ?? ''),
      codes.join(),
    );
    const added = (await orgAuditActions(t.app, t.operator, org.id)).filter(
      (e) => e.action === 'member.added',
    );
    assert.equal(added.length, 1);
  });
});

describe('organization invitations: when mail cannot be sent', () => {
  let t: TestApp;
  before(async () => {
    // Nothing listens on port 1: every send fails at once.
    t = await startTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:1' } });
  });
  after(() => t.close());

  it('answers 503 mail_unavailable and keeps the invitation (resend or invite again once mail works)', async () => {
    // Sign-up mails too (and fails to), but the account it made stands.
    const credentials = { email: uniqueEmail('owner'), password: STRONG_PASSWORD };
    assert.equal((await signUp(t.app, credentials)).json().code, 'mail_unavailable');
    const owner = (await signIn(t.app, credentials)).json();
    const org = await createOrg(t.app, owner.access_token, { name: 'Offline' });
    const res = await inviteAs(t.app, bearer(owner.access_token), org.id, {
      email: uniqueEmail(),
      role: 'viewer',
    });
    assert.equal(res.statusCode, 503, res.body);
    assert.equal(res.json().code, 'mail_unavailable');
    const list = await callAs(t.app, 'GET', `/v1/organizations/${org.id}/invitations`, owner.access_token);
    assert.equal(list.json().data.length, 1);
  });
});
