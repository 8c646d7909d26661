import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../../../test/support/test-database.ts';
import { INSTANCE_TENANT_ID } from '../../../platform/db/instance-tenant.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';
import { newId } from '../../../platform/ids.ts';
import { type ApiKeyService, createApiKeyService } from './api-key-service.ts';
import { createPublishableOrigins } from './publishable-origins.ts';

const audit = { actor: { type: 'system' as const, id: null } };

describe('the publishable keys’ origins for CORS', () => {
  let database: TestDatabase;
  let keys: ApiKeyService;
  before(async () => {
    database = await openTestDatabase();
    keys = createApiKeyService({ database, lastUsedFlushMs: 3_600_000 });
  });
  after(async () => {
    await keys.close();
    await database.close();
  });

  const publishable = (owner: string, origins: string[]) =>
    keys.create(
      owner,
      {
        name: 'web',
        kind: 'publishable',
        environment: 'live',
        scopes: ['flags:evaluate'],
        // Instance publishable keys evaluate flags in one environment.
        ...(owner === INSTANCE_TENANT_ID ? { flagsEnvironment: 'development' } : {}),
        allowedOrigins: origins,
      },
      audit,
    );

  it('gathers every tenant’s live publishable keys and nothing of secret, revoked or expired ones', async () => {
    const orgId = newId('org');
    await publishable(INSTANCE_TENANT_ID, ['https://a.example', 'https://b.example']);
    await publishable(orgId, ['https://org.example']);
    const gone = await publishable(orgId, ['https://revoked.example']);
    await keys.revoke(orgId, gone.key.id, audit);
    const expiring = await publishable(orgId, ['https://expired.example']);
    await withTenant(database, orgId, (scope) =>
      scope.db
        .updateTable('api_keys')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', expiring.key.id)
        .execute(),
    );
    const origins = createPublishableOrigins({ database, refreshMs: 60_000 });
    const answers = await Promise.all(
      [
        'https://a.example',
        'https://b.example',
        'https://org.example',
        'https://revoked.example',
        'https://expired.example',
        'https://never.example',
      ].map((origin) => origins.allows(origin)),
    );
    assert.deepEqual(answers, [true, true, true, false, false, false]);
  });

  it('answers from memory within the refresh interval, re-reads after it or when invalidated', async () => {
    let clock = 1_000_000;
    const origins = createPublishableOrigins({ database, refreshMs: 5000, now: () => clock });
    const origin = `https://${newId('x').toLowerCase()}.example`;
    const key = await publishable(INSTANCE_TENANT_ID, [origin]);
    assert.equal(await origins.allows(origin), true);
    // Revoked behind its back (another process): still in memory, answered synchronously.
    await withTenant(database, INSTANCE_TENANT_ID, (scope) =>
      scope.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', key.key.id).execute(),
    );
    clock += 4999;
    assert.equal(origins.allows(origin), true);
    clock += 1;
    const stale = origins.allows(origin);
    assert.ok(stale instanceof Promise, 'a stale set is re-read');
    assert.equal(await stale, false);

    const next = `https://${newId('x').toLowerCase()}.example`;
    await publishable(INSTANCE_TENANT_ID, [next]);
    assert.equal(origins.allows(next), false, 'not yet: the set is fresh and this instance was not told');
    origins.invalidate();
    assert.equal(await origins.allows(next), true);
  });
});
