import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tablesMentioning } from '../../../../test/support/gdpr-client.ts';
import { newSignedInUser, uniqueEmail } from '../../../../test/support/identity-client.ts';
import {
  acceptInvitation,
  invite,
  mailedInvitationToken,
} from '../../../../test/support/invitations-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../../test/support/mail-test-app.ts';
import { addMember, createOrg } from '../../../../test/support/orgs-client.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';
import type { PersonalDataParticipant } from '../../../platform/gdpr/index.ts';

type Exported = {
  id: string;
  org_id: string;
  email: string;
  invited_by: string | null;
  accepted_by: string | null;
};

/**
 * The 'invitations' GDPR participant on a real app and database: it reaches a user's
 * invitations in every organization through its door, and nothing of anyone else's.
 */
describe('invitations: GDPR export and erasure', () => {
  let t: MailTestApp;
  let participant: PersonalDataParticipant;
  before(async () => {
    t = await startMailTestApp();
    const found = t.app.personalData.participants().find((p) => p.name === 'invitations');
    assert.ok(found, 'the invitations participant is registered');
    participant = found;
  });
  after(() => t.close());

  const rows = (orgId: string) =>
    withTenant(t.database, orgId, (scope) =>
      scope.db.selectFrom('org_invitations').selectAll().where('org_id', '=', orgId).orderBy('id').execute(),
    );

  /** Two organizations; the subject is invited to both, accepted one, and invited someone as an admin. */
  async function world() {
    const subject = await newSignedInUser(t.app);
    const ownerA = await newSignedInUser(t.app);
    const ownerB = await newSignedInUser(t.app);
    const orgA = await createOrg(t.app, ownerA.access_token, { name: 'Alpha' });
    const orgB = await createOrg(t.app, ownerB.access_token, { name: 'Beta' });
    const toSubjectA = await invite(t.app, ownerA.access_token, orgA.id, {
      email: subject.email.toUpperCase(),
      role: 'admin',
    });
    const accepted = await acceptInvitation(
      t.app,
      subject.access_token,
      await mailedInvitationToken(t.smtp, subject.email),
    );
    assert.equal(accepted.statusCode, 200, accepted.body);
    const toSubjectB = await invite(t.app, ownerB.access_token, orgB.id, {
      email: subject.email,
      role: 'viewer',
    });
    const bySubject = await invite(t.app, subject.access_token, orgA.id, {
      email: uniqueEmail('friend'),
      role: 'member',
    });
    const unrelated = await invite(t.app, ownerB.access_token, orgB.id, {
      email: uniqueEmail('other'),
      role: 'member',
    });
    return { subject, orgA, orgB, toSubjectA, toSubjectB, bySubject, unrelated };
  }

  it('exports a user’s received and sent invitations across organizations, and an organization’s all', async () => {
    const w = await world();
    const subjectRef = { userId: w.subject.user.id, email: w.subject.email };
    const doc = (await participant.exportUser?.(subjectRef)) as { received: Exported[]; sent: Exported[] };
    assert.deepEqual(doc.received.map((i) => i.id).sort(), [w.toSubjectA.id, w.toSubjectB.id].sort());
    assert.equal(doc.received.find((i) => i.id === w.toSubjectA.id)?.accepted_by, w.subject.user.id);
    assert.deepEqual(
      doc.sent.map((i) => i.id),
      [w.bySubject.id],
    );
    const text = JSON.stringify(doc);
    assert.ok(!text.includes(w.unrelated.id), 'no one else’s invitation');
    assert.ok(!text.includes('token_hash') && !text.includes('ks_inv_'), 'no token material');

    // Without the door (no organization bound, no subject set), RLS shows no invitation at all.
    const bare = await t.database.kysely.selectFrom('org_invitations').select('id').execute();
    assert.deepEqual(bare, []);

    const orgDoc = (await participant.exportOrganization?.(w.orgB.id)) as Exported[];
    assert.deepEqual(orgDoc.map((i) => i.id).sort(), [w.toSubjectB.id, w.unrelated.id].sort());
  });

  it('erasing a user deletes invitations to their address and forgets them as inviter and acceptor; re-runnable', async () => {
    const w = await world();
    // The subject also accepted an invitation sent to an address they no longer have: acceptor only.
    const renamed = uniqueEmail('old-address');
    await withTenant(t.database, w.orgA.id, (scope) =>
      scope.db
        .updateTable('org_invitations')
        .set({ email: renamed, email_normalized: renamed })
        .where('id', '=', w.toSubjectA.id)
        .execute(),
    );
    const subjectRef = { userId: w.subject.user.id, email: w.subject.email };
    const before = (await participant.exportUser?.(subjectRef)) as { received: Exported[] };
    assert.ok(
      before.received.some((i) => i.id === w.toSubjectA.id),
      'an invitation they accepted under an old address is still theirs',
    );
    await participant.eraseUser?.(subjectRef);
    await participant.eraseUser?.(subjectRef);

    const alpha = await rows(w.orgA.id);
    const beta = await rows(w.orgB.id);
    assert.deepEqual(
      beta.map((r) => r.id),
      [w.unrelated.id],
    );
    const acceptedOne = alpha.find((r) => r.id === w.toSubjectA.id);
    assert.ok(acceptedOne);
    assert.equal(acceptedOne.accepted_by, null);
    assert.notEqual(acceptedOne.accepted_at, null);
    const sent = alpha.find((r) => r.id === w.bySubject.id);
    assert.ok(sent);
    assert.equal(sent.invited_by, null);
    const after = (await participant.exportUser?.(subjectRef)) as { received: Exported[]; sent: Exported[] };
    assert.deepEqual(after, { received: [], sent: [] });
  });

  it('erasing an organization deletes its invitations only', async () => {
    const w = await world();
    await participant.eraseOrganization?.(w.orgB.id);
    await participant.eraseOrganization?.(w.orgB.id);
    assert.deepEqual(await rows(w.orgB.id), []);
    assert.equal((await rows(w.orgA.id)).length, 2);
  });

  it('a member added by an admin’s invitation keeps the membership when the inviter is erased', async () => {
    const owner = await newSignedInUser(t.app);
    const admin = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Gamma' });
    await addMember(t.database, org.id, admin.user.id, 'admin');
    const invitee = await newSignedInUser(t.app);
    const sent = await invite(t.app, admin.access_token, org.id, { email: invitee.email, role: 'viewer' });
    await participant.eraseUser?.({ userId: admin.user.id, email: admin.email });
    const [row] = (await rows(org.id)).filter((r) => r.id === sent.id);
    assert.equal(row?.invited_by, null);
    const accepted = await acceptInvitation(
      t.app,
      invitee.access_token,
      await mailedInvitationToken(t.smtp, invitee.email),
    );
    assert.equal(accepted.statusCode, 200, accepted.body);
  });

  it('over HTTP: the operator’s export of a user has their invitations; erasing the user leaves no invitation naming them', async () => {
    const w = await world();
    const exported = await t.app.inject({
      method: 'GET',
      url: `/v1/users/${w.subject.user.id}/export`,
      headers: t.operator,
    });
    assert.equal(exported.statusCode, 200, exported.body);
    const section = exported.json().sections.invitations as { received: Exported[]; sent: Exported[] };
    assert.deepEqual(section.received.map((i) => i.id).sort(), [w.toSubjectA.id, w.toSubjectB.id].sort());
    assert.deepEqual(
      section.sent.map((i) => i.id),
      [w.bySubject.id],
    );
    const erased = await t.app.inject({
      method: 'DELETE',
      url: `/v1/users/${w.subject.user.id}`,
      headers: t.operator,
    });
    assert.equal(erased.statusCode, 204, erased.body);
    assert.equal((await tablesMentioning(t.database, w.subject.email)).org_invitations, undefined);
    const left = [...(await rows(w.orgA.id)), ...(await rows(w.orgB.id))];
    assert.ok(
      left.every((r) => r.invited_by !== w.subject.user.id && r.accepted_by !== w.subject.user.id),
      'no invitation names the erased user',
    );
    assert.ok(left.some((r) => r.id === w.bySubject.id) && left.some((r) => r.id === w.unrelated.id));
  });
});
