import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyPluginAsync } from 'fastify';
import { tablesMentioning } from '../../../test/support/gdpr-client.ts';
import { newSignedInUser, signIn, signUp } from '../../../test/support/identity-client.ts';
import { callAs, createOrg } from '../../../test/support/orgs-client.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { UserSubject } from './personal-data-registry.ts';

/**
 * A module that registers with one call (here from a test plugin, after every
 * built-in module): its sections appear in exports, its erasers run, and an
 * eraser that fails once leaves an erasure that a second request completes.
 */
describe('GDPR: the personal-data registry', () => {
  let t: TestApp;
  const erasedUsers: UserSubject[] = [];
  const erasedOrgs: string[] = [];
  let failNextUserErasure = false;

  const notesModule: FastifyPluginAsync = async (app) => {
    app.personalData.register({
      name: 'notes',
      exportUser: async (subject) => ({ notes_about: subject.userId, email_seen: subject.email }),
      exportOrganization: async (orgId) => ({ notes_of: orgId }),
      eraseUser: async (subject) => {
        if (failNextUserErasure) {
          failNextUserErasure = false;
          throw new Error('notes store unavailable');
        }
        erasedUsers.push(subject);
      },
      eraseOrganization: async (orgId) => {
        erasedOrgs.push(orgId);
      },
    });
  };

  before(async () => {
    t = await startTestApp({ plugins: [notesModule] });
  });
  after(() => t.close());

  it('refuses a second participant with a taken name', () => {
    assert.throws(() => t.app.personalData.register({ name: 'identity' }), /already registered/);
  });

  it('puts a registered module’s sections in user and organization exports', async () => {
    const user = await newSignedInUser(t.app);
    const org = await createOrg(t.app, user.access_token, { name: 'Noted' });
    const mine = await callAs(t.app, 'GET', '/v1/me/export', user.access_token);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.deepEqual(mine.json().sections.notes, { notes_about: user.user.id, email_seen: user.email });
    assert.equal(mine.headers['cache-control'], 'no-store');
    const ofOrg = await callAs(t.app, 'GET', `/v1/organizations/${org.id}/export`, user.access_token);
    assert.equal(ofOrg.statusCode, 200, ofOrg.body);
    assert.deepEqual(ofOrg.json().sections.notes, { notes_of: org.id });
  });

  it('runs a registered module’s erasers, with the original address', async () => {
    const user = await newSignedInUser(t.app);
    const org = await createOrg(t.app, user.access_token, { name: 'Erased with its only member' });
    const res = await callAs(t.app, 'DELETE', '/v1/me', user.access_token);
    assert.equal(res.statusCode, 204, res.body);
    assert.deepEqual(erasedUsers.at(-1), { userId: user.user.id, email: user.email });
    assert.ok(erasedOrgs.includes(org.id), 'the sole-member organization was erased in every module');
  });

  it('an erasure that failed half-way has locked the account out, and a second request completes it', async () => {
    const user = await newSignedInUser(t.app);
    failNextUserErasure = true;
    const failed = await callAs(t.app, 'DELETE', '/v1/me', user.access_token);
    assert.equal(failed.statusCode, 500, failed.body);

    // Half-way: nobody can sign in as the user, the address is free, yet the account row still has it.
    assert.equal((await signIn(t.app, { email: user.email, password: user.password })).statusCode, 401);
    assert.ok((await tablesMentioning(t.database, user.email)).users, 'not yet tombstoned');

    // The user (session ended by the lock-out, no fresh sign-in possible) may still finish it.
    const resumed = await callAs(t.app, 'DELETE', '/v1/me', user.access_token);
    assert.equal(resumed.statusCode, 204, resumed.body);
    assert.deepEqual(erasedUsers.at(-1), { userId: user.user.id, email: user.email });
    assert.deepEqual(await tablesMentioning(t.database, user.email), {});
    assert.equal((await signUp(t.app, { email: user.email, password: user.password })).statusCode, 202);
  });
});
