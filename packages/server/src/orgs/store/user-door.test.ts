import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { insertUser } from '../../identity/store/user-store.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { newId } from '../../platform/ids.ts';
import { insertMembership } from './membership-store.ts';
import { insertOrganization } from './organization-store.ts';
import { listOwnMemberships, withUserDoor } from './user-door.ts';

/** The user door at the SQL level: RLS shows a user their own memberships and organizations, nothing more. */
describe('withUserDoor', () => {
  let database: TestDatabase;
  const alice = newId('usr');
  const bob = newId('usr');
  const shared = newId('org');
  const bobsOwn = newId('org');

  before(async () => {
    database = await openTestDatabase();
    for (const id of [alice, bob]) {
      const email = `${id}@example.test`;
      await insertUser(database.kysely, {
        id,
        email,
        email_normalized: email,
        name: null,
        password_hash: null,
      });
    }
    await withTenant(database, shared, async (scope) => {
      await insertOrganization(scope, {
        slug: `s-${shared.slice(-10).toLowerCase()}`,
        name: 'Shared',
        created_by: null,
      });
      await insertMembership(scope, { user_id: alice, role_key: 'owner' });
      await insertMembership(scope, { user_id: bob, role_key: 'viewer' });
    });
    await withTenant(database, bobsOwn, async (scope) => {
      await insertOrganization(scope, {
        slug: `b-${bobsOwn.slice(-10).toLowerCase()}`,
        name: 'Bob',
        created_by: null,
      });
      await insertMembership(scope, { user_id: bob, role_key: 'owner' });
    });
  });
  after(() => database.close());

  it('shows only the user’s own membership rows, even with no filter in the query', async () => {
    const rows = await withUserDoor(database, alice, (door) =>
      door.db.selectFrom('org_memberships').select(['org_id', 'user_id', 'role_key']).execute(),
    );
    assert.deepEqual(rows, [{ org_id: shared, user_id: alice, role_key: 'owner' }]);
  });

  it('shows only the organizations the user belongs to', async () => {
    const orgs = await withUserDoor(database, alice, (door) =>
      door.db.selectFrom('organizations').select('org_id').execute(),
    );
    assert.deepEqual(orgs, [{ org_id: shared }]);
    const mine = await withUserDoor(database, bob, listOwnMemberships);
    assert.deepEqual(
      mine.map((m) => [m.organization.org_id, m.roleKey]).sort(),
      [
        [bobsOwn, 'owner'],
        [shared, 'viewer'],
      ].sort(),
    );
  });

  it('is read only: the door cannot insert, change or delete', async () => {
    await assert.rejects(
      withUserDoor(database, alice, (door) =>
        door.db
          .insertInto('org_memberships')
          .values({ org_id: bobsOwn, user_id: alice, role_key: 'owner' })
          .execute(),
      ),
    );
    const changed = await withUserDoor(database, alice, (door) =>
      door.db
        .updateTable('org_memberships')
        .set({ role_key: 'viewer' })
        .where('user_id', '=', alice)
        .executeTakeFirst(),
    );
    assert.equal(changed.numUpdatedRows, 0n);
    const deleted = await withUserDoor(database, alice, (door) =>
      door.db.deleteFrom('organizations').executeTakeFirst(),
    );
    assert.equal(deleted.numDeletedRows, 0n);
  });

  it('without the setting a transaction sees no tenant rows at all', async () => {
    const rows = await database.kysely
      .transaction()
      .execute((trx) => trx.selectFrom('org_memberships').select('user_id').execute());
    assert.deepEqual(rows, []);
  });
});
