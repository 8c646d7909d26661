import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, newSignedInUser, uniqueEmail } from '../../../../test/support/identity-client.ts';
import {
  acceptInvitation,
  invite,
  inviteAs,
  mailedInvitationToken,
  previewInvitation,
} from '../../../../test/support/invitations-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../../test/support/mail-test-app.ts';
import { addMember, callAs, createOrg, orgAuditActions } from '../../../../test/support/orgs-client.ts';
import { hashSecret } from '../../../platform/crypto/secret-hash.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';

/** Inviting, listing, revoking and resending over HTTP, with the mail read from a real SMTP listener. */
describe('organization invitations: the admin side', () => {
  let t: MailTestApp;
  before(async () => {
    t = await startMailTestApp({ KEYSTONE_PUBLIC_URL: 'https://id.example.test' });
  });
  after(() => t.close());

  const rowOf = (orgId: string, id: string) =>
    withTenant(t.database, orgId, (scope) =>
      scope.db.selectFrom('org_invitations').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );

  async function ownerWithOrg(name = 'Acme') {
    const owner = await newSignedInUser(t.app, { name: 'Olive Owner' });
    const org = await createOrg(t.app, owner.access_token, { name });
    return { owner, org };
  }

  it('mails a link to the public URL with a token stored only as its hash; lists it as pending', async () => {
    const { owner, org } = await ownerWithOrg();
    const email = uniqueEmail('Invitee');
    const created = await invite(t.app, owner.access_token, org.id, { email, role: 'member' });
    assert.equal(created.status, 'pending');
    assert.equal(created.role, 'member');
    assert.equal(created.invited_by, owner.user.id);
    const days = (Date.parse(created.expires_at) - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `expires in ${days} days`);

    const mail = await t.smtp.waitForMail(email);
    assert.match(mail.subject, /Acme/);
    assert.match(mail.text, /Olive Owner invited you to join Acme as Member/);
    assert.match(mail.text, /https:\/\/id\.example\.test\/invitations\/accept\?token=ks_inv_/);
    const token = await mailedInvitationToken(t.smtp, email);
    const row = await rowOf(org.id, created.id);
    assert.equal(row.token_hash, hashSecret(token));
    assert.ok(!JSON.stringify(row).includes(token.slice(20)), 'no column holds the token');

    const list = await callAs(t.app, 'GET', `/v1/organizations/${org.id}/invitations`, owner.access_token);
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list.json().data.map((i: { id: string }) => i.id),
      [created.id],
    );
    assert.ok(!list.body.includes(token.slice(20)) && !list.body.includes('token_hash'));
    const actions = await orgAuditActions(t.app, t.operator, org.id);
    const entry = actions.find((a) => a.action === 'invitation.created');
    assert.ok(entry);
    assert.equal(entry.target_id, created.id);
    assert.equal(entry.metadata.role, 'member');
    assert.ok(!JSON.stringify(actions).toLowerCase().includes(email.toLowerCase()), 'no email in the audit');
  });

  it('honours a chosen expiry within bounds and refuses one outside them', async () => {
    const { owner, org } = await ownerWithOrg();
    const short = await invite(t.app, owner.access_token, org.id, {
      email: uniqueEmail(),
      role: 'viewer',
      expires_in_seconds: 3600,
    });
    const minutes = (Date.parse(short.expires_at) - Date.now()) / 60_000;
    assert.ok(minutes > 55 && minutes <= 60, `expires in ${minutes} minutes`);
    for (const seconds of [60, 31 * 24 * 3600]) {
      const res = await inviteAs(t.app, bearer(owner.access_token), org.id, {
        email: uniqueEmail(),
        role: 'viewer',
        expires_in_seconds: seconds,
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().code, 'validation_failed');
    }
  });

  it('refuses to invite a member (already_a_member), whatever the case of the address', async () => {
    const { owner, org } = await ownerWithOrg();
    const member = await newSignedInUser(t.app);
    await addMember(t.database, org.id, member.user.id, 'member');
    for (const email of [member.email, member.email.toUpperCase(), owner.email]) {
      const res = await inviteAs(t.app, bearer(owner.access_token), org.id, { email, role: 'viewer' });
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'already_a_member');
    }
  });

  it('applies the role rule: unknown roles refused, an admin cannot invite an owner nor grant what it lacks', async () => {
    const { owner, org } = await ownerWithOrg();
    const admin = await newSignedInUser(t.app);
    await addMember(t.database, org.id, admin.user.id, 'admin');
    const unknown = await inviteAs(t.app, bearer(owner.access_token), org.id, {
      email: uniqueEmail(),
      role: 'astronaut',
    });
    assert.equal(unknown.json().code, 'unknown_role', unknown.body);
    const asOwner = await inviteAs(t.app, bearer(admin.access_token), org.id, {
      email: uniqueEmail(),
      role: 'owner',
    });
    assert.equal(asOwner.statusCode, 403, asOwner.body);
    assert.equal(asOwner.json().code, 'forbidden');
    // A custom role holding org:delete, which admins lack.
    const role = await callAs(t.app, 'POST', `/v1/organizations/${org.id}/roles`, owner.access_token, {
      key: 'deleter',
      name: 'Deleter',
      permissions: ['org:read', 'org:delete'],
    });
    assert.equal(role.statusCode, 201, role.body);
    const custom = await inviteAs(t.app, bearer(admin.access_token), org.id, {
      email: uniqueEmail(),
      role: 'deleter',
    });
    assert.equal(custom.statusCode, 403, custom.body);
    assert.match(custom.json().detail, /org:delete/);
    // The owner may; an admin may invite an admin.
    await invite(t.app, owner.access_token, org.id, { email: uniqueEmail(), role: 'deleter' });
    await invite(t.app, owner.access_token, org.id, { email: uniqueEmail(), role: 'owner' });
    await invite(t.app, admin.access_token, org.id, { email: uniqueEmail(), role: 'admin' });
    // A member (no members:invite) may not invite at all.
    const member = await newSignedInUser(t.app);
    await addMember(t.database, org.id, member.user.id, 'member');
    const refused = await inviteAs(t.app, bearer(member.access_token), org.id, {
      email: uniqueEmail(),
      role: 'viewer',
    });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json().detail, /members:invite/);
    const listing = await callAs(
      t.app,
      'GET',
      `/v1/organizations/${org.id}/invitations`,
      member.access_token,
    );
    assert.equal(listing.statusCode, 403);
  });

  it('re-inviting an address replaces its open invitation: the old link is revoked, the new one works', async () => {
    const { owner, org } = await ownerWithOrg();
    const email = uniqueEmail();
    const first = await invite(t.app, owner.access_token, org.id, { email, role: 'viewer' });
    const firstToken = await mailedInvitationToken(t.smtp, email, 0);
    const second = await invite(t.app, owner.access_token, org.id, {
      email: email.toUpperCase(),
      role: 'member',
    });
    const secondToken = await mailedInvitationToken(t.smtp, email, 1);
    assert.notEqual(first.id, second.id);
    const old = await previewInvitation(t.app, firstToken);
    assert.equal(old.json().code, 'invitation_revoked', old.body);
    const fresh = await previewInvitation(t.app, secondToken);
    assert.equal(fresh.statusCode, 200, fresh.body);
    assert.equal(fresh.json().role.key, 'member');
    const pending = await callAs(t.app, 'GET', `/v1/organizations/${org.id}/invitations`, owner.access_token);
    assert.deepEqual(
      pending.json().data.map((i: { id: string }) => i.id),
      [second.id],
    );
    const revoked = await callAs(
      t.app,
      'GET',
      `/v1/organizations/${org.id}/invitations?status=revoked`,
      owner.access_token,
    );
    assert.deepEqual(
      revoked.json().data.map((i: { id: string; status: string }) => [i.id, i.status]),
      [[first.id, 'revoked']],
    );
    const actions = (await orgAuditActions(t.app, t.operator, org.id)).filter((a) =>
      a.action.startsWith('invitation.'),
    );
    assert.deepEqual(
      actions.map((a) => [a.action, a.target_id]),
      [
        ['invitation.created', first.id],
        ['invitation.revoked', first.id],
        ['invitation.created', second.id],
      ],
    );
  });

  it('resend mails a new link and the old one dies; revoke kills the link; both audited', async () => {
    const { owner, org } = await ownerWithOrg();
    const email = uniqueEmail();
    const created = await invite(t.app, owner.access_token, org.id, { email, role: 'member' });
    const firstToken = await mailedInvitationToken(t.smtp, email, 0);
    const resent = await callAs(
      t.app,
      'POST',
      `/v1/organizations/${org.id}/invitations/${created.id}/resend`,
      owner.access_token,
      { expires_in_seconds: 7200 },
    );
    assert.equal(resent.statusCode, 200, resent.body);
    assert.equal(resent.json().id, created.id);
    const hours = (Date.parse(resent.json().expires_at) - Date.now()) / 3_600_000;
    assert.ok(hours > 1.9 && hours <= 2, `expires in ${hours} hours`);
    const secondToken = await mailedInvitationToken(t.smtp, email, 1);
    assert.notEqual(firstToken, secondToken);
    assert.equal((await previewInvitation(t.app, firstToken)).json().code, 'invitation_not_found');
    assert.equal((await previewInvitation(t.app, secondToken)).statusCode, 200);

    const revoked = await callAs(
      t.app,
      'DELETE',
      `/v1/organizations/${org.id}/invitations/${created.id}`,
      owner.access_token,
    );
    assert.equal(revoked.statusCode, 204, revoked.body);
    assert.equal((await previewInvitation(t.app, secondToken)).json().code, 'invitation_revoked');
    // Revoking again changes nothing; resending a revoked one is refused.
    const again = await callAs(
      t.app,
      'DELETE',
      `/v1/organizations/${org.id}/invitations/${created.id}`,
      owner.access_token,
    );
    assert.equal(again.statusCode, 204);
    const resendRevoked = await callAs(
      t.app,
      'POST',
      `/v1/organizations/${org.id}/invitations/${created.id}/resend`,
      owner.access_token,
    );
    assert.equal(resendRevoked.json().code, 'invitation_revoked', resendRevoked.body);
    const actions = (await orgAuditActions(t.app, t.operator, org.id))
      .filter((a) => a.target_id === created.id)
      .map((a) => a.action);
    assert.deepEqual(actions, ['invitation.created', 'invitation.resent', 'invitation.revoked']);
  });

  it('an accepted invitation cannot be revoked or resent (invitation_used)', async () => {
    const { owner, org } = await ownerWithOrg();
    const invitee = await newSignedInUser(t.app);
    const created = await invite(t.app, owner.access_token, org.id, { email: invitee.email, role: 'viewer' });
    const token = await mailedInvitationToken(t.smtp, invitee.email);
    assert.equal((await acceptInvitation(t.app, invitee.access_token, token)).statusCode, 200);
    for (const [method, suffix] of [
      ['DELETE', ''],
      ['POST', '/resend'],
    ] as const) {
      const res = await callAs(
        t.app,
        method,
        `/v1/organizations/${org.id}/invitations/${created.id}${suffix}`,
        owner.access_token,
      );
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'invitation_used');
    }
    const accepted = await callAs(
      t.app,
      'GET',
      `/v1/organizations/${org.id}/invitations?status=accepted`,
      owner.access_token,
    );
    assert.equal(accepted.json().data[0].accepted_by, invitee.user.id);
  });

  it('pages newest first with a cursor, filters by status, and refuses a forged cursor', async () => {
    const { owner, org } = await ownerWithOrg();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (await invite(t.app, owner.access_token, org.id, { email: uniqueEmail(), role: 'viewer' })).id,
      );
    }
    await withTenant(t.database, org.id, (scope) =>
      scope.db
        .updateTable('org_invitations')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', ids[0] as string)
        .execute(),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await callAs(
        t.app,
        'GET',
        `/v1/organizations/${org.id}/invitations?status=all&limit=2${query}`,
        owner.access_token,
      );
      assert.equal(res.statusCode, 200, res.body);
      seen.push(...res.json().data.map((i: { id: string }) => i.id));
      cursor = res.json().next_cursor;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse());
    const pending = await callAs(t.app, 'GET', `/v1/organizations/${org.id}/invitations`, owner.access_token);
    assert.equal(pending.json().data.length, 4);
    const expired = await callAs(
      t.app,
      'GET',
      `/v1/organizations/${org.id}/invitations?status=expired`,
      owner.access_token,
    );
    assert.deepEqual(
      expired.json().data.map((i: { id: string; status: string }) => [i.id, i.status]),
      [[ids[0], 'expired']],
    );
    const forged = await callAs(
      t.app,
      'GET',
      `/v1/organizations/${org.id}/invitations?cursor=nope`,
      owner.access_token,
    );
    assert.equal(forged.statusCode, 400);
    assert.equal(forged.json().code, 'validation_failed');
  });

  it('walls: a second organization’s admin cannot list, revoke or resend the first’s invitations', async () => {
    const { owner, org } = await ownerWithOrg('First');
    const created = await invite(t.app, owner.access_token, org.id, { email: uniqueEmail(), role: 'viewer' });
    const other = await newSignedInUser(t.app);
    const otherOrg = await createOrg(t.app, other.access_token, { name: 'Second' });
    const attempts = [
      ['GET', `/v1/organizations/${org.id}/invitations`],
      ['DELETE', `/v1/organizations/${org.id}/invitations/${created.id}`],
      ['POST', `/v1/organizations/${org.id}/invitations/${created.id}/resend`],
    ] as const;
    for (const [method, url] of attempts) {
      const res = await callAs(t.app, method, url, other.access_token);
      assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
      assert.equal(res.json().code, 'not_a_member');
    }
    // Through its own organization's URL, the first's invitation id names nothing.
    for (const [method, url] of [
      ['DELETE', `/v1/organizations/${otherOrg.id}/invitations/${created.id}`],
      ['POST', `/v1/organizations/${otherOrg.id}/invitations/${created.id}/resend`],
    ] as const) {
      const res = await callAs(t.app, method, url, other.access_token);
      assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
    }
    const own = await callAs(
      t.app,
      'GET',
      `/v1/organizations/${otherOrg.id}/invitations?status=all`,
      other.access_token,
    );
    assert.deepEqual(own.json().data, []);
    assert.equal((await rowOf(org.id, created.id)).revoked_at, null);
  });
});
