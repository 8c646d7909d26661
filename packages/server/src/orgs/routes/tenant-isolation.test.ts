import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, newSignedInUser } from '../../../test/support/identity-client.ts';
import { enableTotp, mfaChallenge, nextTotp, verifyMfa } from '../../../test/support/mfa-client.ts';
import { addMember, createOrg } from '../../../test/support/orgs-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { newId } from '../../platform/ids.ts';

type Operation = { method: string; path: string; tags: string[]; hasBody: boolean };

/** Every `/v1/organizations/{orgId}...` operation of the OpenAPI document. */
async function orgOperations(t: TestApp): Promise<Operation[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, { tags?: string[]; requestBody?: unknown }>>(
    doc.paths,
  )) {
    if (!path.startsWith('/v1/organizations/{orgId}')) continue;
    for (const [method, op] of Object.entries(item)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        tags: op.tags ?? [],
        hasBody: op.requestBody !== undefined,
      });
    }
  }
  return operations;
}

describe('organization walls over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('a second organization’s member gets not_a_member on every organization route, as for a nonexistent org', async () => {
    const owner = await newSignedInUser(t.app);
    const stranger = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, {
      name: 'First',
      private_metadata: { secret: 'x' },
    });
    await createOrg(t.app, stranger.access_token, { name: 'Second' });
    // A real invitation of the first organization: its routes must meet the wall, not a validation error.
    const invited = await t.app.inject({
      method: 'POST',
      url: `/v1/organizations/${org.id}/invitations`,
      headers: bearer(owner.access_token),
      payload: { email: 'walled-invitee@example.test', role: 'viewer' },
    });
    assert.equal(invited.statusCode, 201, invited.body);
    const operations = await orgOperations(t);
    const ours = operations.filter((op) => op.tags.includes('organizations') || op.tags.includes('audit'));
    assert.ok(ours.length >= 12, `found ${ours.length} organization operations`);
    for (const orgId of [org.id, newId('org')]) {
      for (const op of operations) {
        const url = op.path
          .replace('{orgId}', orgId)
          .replace('{userId}', owner.user.id)
          .replace('{key}', 'analyst')
          .replace('{invitationId}', invited.json().id)
          .replace(/\{[A-Za-z]+\}/g, `${newId('x').toLowerCase()}`);
        const res = await t.app.inject({
          method: op.method as 'GET',
          url,
          headers: bearer(stranger.access_token),
          ...(op.hasBody ? { payload: {} } : {}),
        });
        const label = `${op.method} ${op.path}`;
        assert.ok(res.statusCode >= 400, `${label} answered ${res.statusCode}`);
        // The problem's `instance` echoes the URL (which holds the ids we sent); nothing else may name them.
        const { instance: _echo, ...problem } = res.json();
        const text = JSON.stringify(problem);
        assert.ok(
          !text.includes(owner.user.id) && !text.includes('secret') && !text.includes('walled-invitee'),
          `${label} leaked data: ${text}`,
        );
        // Validation may come first for an empty body, and operator-only routes refuse every
        // user alike; whatever passes those meets the wall.
        const operatorOnly = res.json().detail === 'This route needs an operator key';
        if (ours.includes(op) && res.statusCode !== 400 && !operatorOnly) {
          assert.equal(res.json().code, 'not_a_member', `${label}: ${res.body}`);
        }
      }
    }
  });

  it('an active-organization claim opens no audit log: users pass the role check, never the claim', async () => {
    const owner = await newSignedInUser(t.app);
    const viewer = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Audited' });
    await addMember(t.database, org.id, viewer.user.id, 'viewer');
    const switched = await t.app.inject({
      method: 'POST',
      url: '/v1/me/active-organization',
      headers: bearer(viewer.access_token),
      payload: { org_id: org.id },
    });
    assert.equal(switched.statusCode, 200, switched.body);
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${org.id}/audit-log`,
      headers: bearer(switched.json().access_token),
    });
    assert.ok(res.statusCode === 403 || res.statusCode === 404, res.body);
    assert.ok(!res.body.includes('organization.created'));
  });

  it('an organization requiring MFA sends members without it to enroll, except to read their own permissions', async () => {
    const owner = await newSignedInUser(t.app);
    const member = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Strict' });
    await addMember(t.database, org.id, member.user.id, 'member');
    // The owner cannot require MFA from a session without it (they would lock themselves out).
    const early = await t.app.inject({
      method: 'PATCH',
      url: `/v1/organizations/${org.id}`,
      headers: bearer(owner.access_token),
      payload: { require_mfa: true },
    });
    assert.equal(early.statusCode, 403, early.body);
    assert.equal(early.json().code, 'mfa_enrollment_required');

    const totp = await enableTotp(t.app, owner.access_token);
    const challenge = await mfaChallenge(t.app, { email: owner.email, password: owner.password });
    const verified = await verifyMfa(t.app, {
      mfa_token: challenge,
      code: nextTotp(totp.secret, totp.lastStep).code,
    });
    assert.equal(verified.statusCode, 200, verified.body);
    const strongToken = verified.json().access_token;
    const set = await t.app.inject({
      method: 'PATCH',
      url: `/v1/organizations/${org.id}`,
      headers: bearer(strongToken),
      payload: { require_mfa: true },
    });
    assert.equal(set.statusCode, 200, set.body);

    for (const url of [`/v1/organizations/${org.id}`, `/v1/organizations/${org.id}/members`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: bearer(member.access_token) });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'mfa_enrollment_required');
    }
    // The owner's old password-only token is held back too; the MFA one passes.
    const weak = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${org.id}`,
      headers: bearer(owner.access_token),
    });
    assert.equal(weak.json().code, 'mfa_enrollment_required');
    const strong = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${org.id}`,
      headers: bearer(strongToken),
    });
    assert.equal(strong.statusCode, 200);
    const perms = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${org.id}/members/me/permissions`,
      headers: bearer(member.access_token),
    });
    assert.equal(perms.statusCode, 200, perms.body);
    assert.equal(perms.json().role, 'member');
  });
});
