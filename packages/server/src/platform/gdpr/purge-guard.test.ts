import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { appendAuditEntry } from '../audit/index.ts';
import { verifyOrgAuditChain } from '../audit/service/verify-chain.ts';
import { INSTANCE_TENANT_ID } from '../db/instance-tenant.ts';
import type { SqlRunner } from '../db/sql-runner.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { newId } from '../ids.ts';
import { purgeErasedOrganizationRecords } from './purge-erased-organization.ts';

/**
 * Migration 0014: the audit log stays append-only for every live organization and
 * the instance; only an organization that no longer exists can have its chain,
 * head and data keys purged, and only through keystone_purge_erased_organization.
 */
describe('GDPR: purging an erased organization’s audit chain', () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  async function chainFor(orgId: string, options: { withOrganization: boolean }) {
    await withTenant(database, orgId, async (scope) => {
      if (options.withOrganization) {
        await scope.db
          .insertInto('organizations')
          .values({ org_id: orgId, slug: `s-${orgId.slice(-10).toLowerCase()}`, name: 'Live' })
          .execute();
      }
      await appendAuditEntry(scope, { actor: { type: 'system', id: null }, action: 'probe.recorded' });
    });
  }

  const entriesOf = async (orgId: string) => (await verifyOrgAuditChain(database, orgId)).head?.seq ?? 0;

  async function asOwner<T>(work: (owner: SqlRunner) => Promise<T>): Promise<T> {
    const owner = await database.ownerRunner();
    try {
      return await work(owner);
    } finally {
      await owner.close();
    }
  }

  it('refuses to purge a live organization or the instance, and keeps their chains', async () => {
    const live = newId('org');
    await chainFor(live, { withOrganization: true });
    await chainFor(INSTANCE_TENANT_ID, { withOrganization: false });
    for (const orgId of [live, INSTANCE_TENANT_ID]) {
      await assert.rejects(
        withTenant(database, orgId, purgeErasedOrganizationRecords),
        /only an erased organization|still exists/,
      );
    }
    assert.equal(await entriesOf(live), 1);
    assert.ok((await entriesOf(INSTANCE_TENANT_ID)) >= 1);
  });

  it('the application role still may not delete audit entries itself', async () => {
    const gone = newId('org');
    await chainFor(gone, { withOrganization: false });
    await assert.rejects(
      withTenant(database, gone, (scope) =>
        scope.db.deleteFrom('audit_log').where('org_id', '=', gone).execute(),
      ),
      /permission denied|append-only/,
    );
    assert.equal(await entriesOf(gone), 1);
  });

  it('refuses the owner deleting a live organization’s entries even with the purge setting, and every UPDATE', async () => {
    const live = newId('org');
    await chainFor(live, { withOrganization: true });
    await asOwner(async (owner) => {
      await assert.rejects(
        owner.exec(
          `BEGIN; SELECT set_config('keystone.org_id', '${live}', true), set_config('keystone.audit_purge_org', '${live}', true);
           DELETE FROM audit_log WHERE org_id = '${live}'; COMMIT;`,
        ),
        /append-only/,
      );
      await owner.exec('ROLLBACK');
      await assert.rejects(
        owner.exec(
          `BEGIN; SELECT set_config('keystone.audit_purge_org', '${live}', true);
           UPDATE audit_log SET action = 'x.y' WHERE org_id = '${live}'; COMMIT;`,
        ),
        /append-only/,
      );
      await owner.exec('ROLLBACK');
    });
    assert.equal(await entriesOf(live), 1);
    assert.equal((await verifyOrgAuditChain(database, live)).ok, true);
  });

  it('purges the chain, head and data keys of an organization that no longer exists', async () => {
    const gone = newId('org');
    await chainFor(gone, { withOrganization: false });
    await withTenant(database, gone, purgeErasedOrganizationRecords);
    const left = await asOwner((owner) =>
      owner.query<{ entries: number; heads: number }>(
        `SELECT (SELECT count(*)::int FROM audit_log WHERE org_id = $1) AS entries,
                (SELECT count(*)::int FROM audit_chain_heads WHERE org_id = $1) AS heads`,
        [gone],
      ),
    );
    assert.deepEqual(left, [{ entries: 0, heads: 0 }]);
    // Idempotent: purging again is fine.
    await withTenant(database, gone, purgeErasedOrganizationRecords);
  });
});
