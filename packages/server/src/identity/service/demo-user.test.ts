import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn } from '../../../test/support/identity-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { passwordProblems } from '../passwords/password-policy.ts';
import { DEMO_USER, seedDemoUser } from './demo-user.ts';

describe('the demo user', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('is created once, verified, and signs in with the printed password', async () => {
    const first = await seedDemoUser(t.database, t.app.identity.hasher);
    assert.deepEqual(first, { id: first.id, ...DEMO_USER });
    assert.match(first.id, /^user_/);
    const res = await signIn(t.app, { email: first.email, password: first.password });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().user.email_verified, true);

    await seedDemoUser(t.database, t.app.identity.hasher);
    const users = await t.database.kysely
      .selectFrom('users')
      .select('id')
      .where('email_normalized', '=', DEMO_USER.email)
      .execute();
    assert.equal(users.length, 1, 'a second start adds nothing');
    assert.deepEqual(passwordProblems(DEMO_USER.password, { email: DEMO_USER.email }), []);
  });
});
