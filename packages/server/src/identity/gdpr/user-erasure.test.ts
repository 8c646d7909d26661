import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditActionsAbout } from '../../../test/support/email-flow-client.ts';
import { chainVerdict, tablesMentioning } from '../../../test/support/gdpr-client.ts';
import { bearer, newSignedInUser, refresh, signIn, signUp } from '../../../test/support/identity-client.ts';
import { invite } from '../../../test/support/invitations-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../test/support/mail-test-app.ts';
import { addMember, callAs, createOrg } from '../../../test/support/orgs-client.ts';

describe('GDPR: erasing a user', () => {
  let t: MailTestApp;
  before(async () => {
    t = await startMailTestApp();
  });
  after(() => t.close());

  const eraseSelf = (token: string) =>
    t.app.inject({ method: 'DELETE', url: '/v1/me', headers: bearer(token) });
  const exportOf = (userId: string) =>
    t.app.inject({ method: 'GET', url: `/v1/users/${userId}/export`, headers: t.operator });

  it('removes the PII everywhere, keeps the id as a pseudonymous actor, and the chains still verify', async () => {
    const ann = await newSignedInUser(t.app, { name: 'Ann Erasable' });
    const bob = await newSignedInUser(t.app);
    const org = await createOrg(t.app, bob.access_token, { name: 'Shared Org' });
    await addMember(t.database, org.id, ann.user.id, 'admin');
    // An invitation to her address, from another organization (its eraser forgets it).
    const elsewhere = await createOrg(t.app, bob.access_token, { name: 'Elsewhere' });
    await invite(t.app, bob.access_token, elsewhere.id, { email: ann.email, role: 'viewer' });
    // Ann acts in the org (her id lands in its chain) and has a second session.
    const patched = await callAs(t.app, 'PATCH', `/v1/organizations/${org.id}`, ann.access_token, {
      name: 'Shared Org 2',
    });
    assert.equal(patched.statusCode, 200, patched.body);
    await signIn(t.app, { email: ann.email, password: ann.password });
    // The search below finds a live user's address (so its empty answer later means something).
    assert.ok((await tablesMentioning(t.database, ann.email)).users, 'the live address is in users');

    const erased = await eraseSelf(ann.access_token);
    assert.equal(erased.statusCode, 204, erased.body);

    // Signing in, refreshing, and the old access token: all refused.
    assert.equal((await signIn(t.app, { email: ann.email, password: ann.password })).statusCode, 401);
    assert.equal((await refresh(t.app, ann.refresh_token)).statusCode, 401);
    assert.equal((await callAs(t.app, 'GET', '/v1/me', ann.access_token)).statusCode, 401);
    // Nor can that still-unexpired token found an organization owned by the erased id.
    const founded = await callAs(t.app, 'POST', '/v1/organizations', ann.access_token, { name: 'Ghost Org' });
    assert.equal(founded.statusCode, 401, founded.body);

    // The address is nowhere in the database, in any table.
    assert.deepEqual(await tablesMentioning(t.database, ann.email), {});
    assert.deepEqual(await tablesMentioning(t.database, 'Ann Erasable'), {});

    // Her membership is gone; the organization and its other member stay.
    const members = await callAs(t.app, 'GET', `/v1/organizations/${org.id}/members`, bob.access_token);
    assert.deepEqual(
      members.json().data.map((m: { user_id: string }) => m.user_id),
      [bob.user.id],
    );

    // Both chains verify; the erasure is in the instance chain, the departure in the org's.
    assert.equal((await chainVerdict(t.app, t.operator, 'instance')).ok, true);
    assert.equal((await chainVerdict(t.app, t.operator, org.id)).ok, true);
    const actions = await auditActionsAbout(t, ann.user.id);
    assert.ok(actions.includes('user.erasure_started'), actions.join());
    assert.equal(actions.at(-1), 'user.erased');

    // The export of the erased user is the tombstone.
    const exported = await exportOf(ann.user.id);
    assert.equal(exported.statusCode, 200, exported.body);
    const identity = exported.json().sections.identity;
    assert.equal(identity.user.email, `erased+${ann.user.id.toLowerCase()}@invalid`);
    assert.equal(identity.user.name, null);
    assert.equal(identity.user.has_password, false);
    assert.deepEqual(identity.sessions, []);
    assert.deepEqual(exported.json().sections.organizations.memberships, []);

    // The address can sign up anew, as a different user.
    assert.equal((await signUp(t.app, { email: ann.email, password: ann.password })).statusCode, 202);
    const again = await signIn(t.app, { email: ann.email, password: ann.password });
    assert.equal(again.statusCode, 200, again.body);
    assert.notEqual(again.json().user.id, ann.user.id);
  });

  it('needs a fresh sign-in to erase oneself', async () => {
    const user = await newSignedInUser(t.app);
    const old = new Date(Date.now() - 10 * 60 * 1000);
    await t.database.kysely
      .updateTable('sessions')
      .set({ created_at: old })
      .where('id', '=', user.session_id)
      .execute();
    const res = await eraseSelf(user.access_token);
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().code, 'fresh_sign_in_required');
    assert.equal((await signIn(t.app, { email: user.email, password: user.password })).statusCode, 200);
  });

  it('refuses the last owner of an organization with other members, changing nothing', async () => {
    const owner = await newSignedInUser(t.app);
    const member = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Owned' });
    await addMember(t.database, org.id, member.user.id, 'member');
    const res = await eraseSelf(owner.access_token);
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'last_owner');
    assert.match(res.json().detail, new RegExp(org.id));
    assert.equal((await signIn(t.app, { email: owner.email, password: owner.password })).statusCode, 200);
    assert.equal(
      (await callAs(t.app, 'GET', `/v1/organizations/${org.id}`, owner.access_token)).statusCode,
      200,
    );
  });

  it('erases the organizations the user is the only member of, with them', async () => {
    const solo = await newSignedInUser(t.app);
    const org = await createOrg(t.app, solo.access_token, { name: 'Solo' });
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/v1/users/${solo.user.id}`,
      headers: t.operator,
    });
    assert.equal(res.statusCode, 204, res.body);
    const read = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${org.id}`,
      headers: t.operator,
    });
    assert.equal(read.statusCode, 404, read.body);
    assert.equal((await chainVerdict(t.app, t.operator, 'instance')).ok, true);
  });

  it('is idempotent: erasing an erased user again succeeds and changes nothing more', async () => {
    const user = await newSignedInUser(t.app);
    const url = `/v1/users/${user.user.id}`;
    assert.equal((await t.app.inject({ method: 'DELETE', url, headers: t.operator })).statusCode, 204);
    const first = (await exportOf(user.user.id)).json().sections.identity.user;
    assert.equal((await t.app.inject({ method: 'DELETE', url, headers: t.operator })).statusCode, 204);
    assert.deepEqual((await exportOf(user.user.id)).json().sections.identity.user.email, first.email);
    assert.equal((await chainVerdict(t.app, t.operator, 'instance')).ok, true);
  });

  it('answers 404 for an operator erasing or exporting a user that does not exist', async () => {
    const missing = 'user_01J00000000000000000000000';
    assert.equal((await exportOf(missing)).statusCode, 404);
    const res = await t.app.inject({ method: 'DELETE', url: `/v1/users/${missing}`, headers: t.operator });
    assert.equal(res.statusCode, 404, res.body);
  });
});
