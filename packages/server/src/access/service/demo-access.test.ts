import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { seedDemoUser } from '../../identity/service/demo-user.ts';
import { DEMO_ORG_ID } from '../../platform/demo/seed-demo-data.ts';
import { seedDemoAccess } from './demo-access.ts';

describe('the demo organization’s access data', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('seeds the default store with the document-sharing model and tuples, once', async () => {
    const user = await seedDemoUser(t.database, t.app.identity.hasher);
    await t.app.orgs.seedDemoOrganization({ ownerId: user.id });
    const storeId = await seedDemoAccess(t.app.access, DEMO_ORG_ID);
    assert.ok(storeId);
    assert.equal(await seedDemoAccess(t.app.access, DEMO_ORG_ID), storeId, 'a second start adds nothing');
    assert.equal((await t.app.access.listModels(DEMO_ORG_ID, storeId)).length, 1);
    const check = (user: string, relation: string, object: string, context?: Record<string, unknown>) =>
      t.app.access.check(DEMO_ORG_ID, storeId, { user, relation, object, ...(context ? { context } : {}) });
    assert.equal((await check('user:anne', 'viewer', 'document:roadmap')).decision, 'allow');
    assert.equal((await check('user:anne', 'editor', 'document:roadmap')).decision, 'deny');
    assert.equal((await check('user:bob', 'editor', 'document:roadmap')).decision, 'allow');
    assert.equal((await check('user:carl', 'viewer', 'document:payroll', { hour: 10 })).decision, 'allow');
  });

  it('does nothing for an organization without its default store', async () => {
    assert.equal(await seedDemoAccess(t.app.access, 'org_without_stores'), undefined);
  });
});
