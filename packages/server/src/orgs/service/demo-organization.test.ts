import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, signIn } from '../../../test/support/identity-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { seedDemoUser } from '../../identity/service/demo-user.ts';
import { DEMO_ORG_ID } from '../../platform/demo/seed-demo-data.ts';

describe('the demo organization', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('is a real organization owned by the demo user, with one access store, created once', async () => {
    const user = await seedDemoUser(t.database, t.app.identity.hasher);
    await t.app.orgs.seedDemoOrganization({ ownerId: user.id });
    await t.app.orgs.seedDemoOrganization({ ownerId: user.id });
    assert.deepEqual(
      (await t.app.access.listStores(DEMO_ORG_ID)).map((store) => store.name),
      ['default'],
    );

    const token = (await signIn(t.app, { email: user.email, password: user.password })).json()
      .access_token as string;
    const mine = await t.app.inject({ method: 'GET', url: '/v1/me/organizations', headers: bearer(token) });
    assert.equal(mine.statusCode, 200, mine.body);
    const orgs = mine.json().data as Array<{ id: string; role: string }>;
    assert.equal(orgs.length, 1, mine.body);
    assert.equal(orgs[0]?.id, DEMO_ORG_ID);
    assert.equal(orgs[0]?.role, 'owner');
    const org = await t.app.inject({
      method: 'GET',
      url: `/v1/organizations/${DEMO_ORG_ID}`,
      headers: bearer(token),
    });
    assert.equal(org.statusCode, 200, org.body);
    assert.equal(org.json().slug, 'demo');
  });
});
