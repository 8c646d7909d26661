import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../../test/support/test-database.ts';
import { ConfigError, loadConfig } from '../../../platform/config/config.ts';
import { INSTANCE_TENANT_ID } from '../../../platform/db/instance-tenant.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';
import { formatApiKey } from '../engine/key-format.ts';
import { type ApiKeyService, createApiKeyService } from './api-key-service.ts';
import { ensureInstanceAdminKey } from './instance-admin-key.ts';

const audit = { actor: { type: 'system' as const, id: null } };

describe('the instance admin key', () => {
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

  const adminRows = () =>
    withTenant(database, INSTANCE_TENANT_ID, (scope) =>
      scope.db
        .selectFrom('api_keys')
        .select(['id', 'name', 'revoked_at'])
        .where(sql<boolean>`'admin' = ANY(scopes)`)
        .execute(),
    );

  it('the first start makes one with every scope and hands it out once; later starts never again', async () => {
    const first = await ensureInstanceAdminKey(database, { fromEnv: undefined });
    assert.equal(first.source, 'created');
    assert.ok(first.plaintext?.startsWith('sk_live_'));
    const principal = await keys.authenticate(first.plaintext as string);
    assert.deepEqual(
      principal && { kind: principal.kind, orgId: principal.orgId, scopes: principal.scopes },
      {
        kind: 'api_key',
        orgId: INSTANCE_TENANT_ID,
        scopes: ['admin'],
      },
    );
    assert.deepEqual(await ensureInstanceAdminKey(database, { fromEnv: undefined }), {
      plaintext: undefined,
      source: 'existing',
    });
    // Revoked, it stays revoked: a restart does not mint (and print) a replacement.
    const [row] = await adminRows();
    await keys.revoke(INSTANCE_TENANT_ID, row?.id as string, audit);
    assert.equal((await ensureInstanceAdminKey(database, { fromEnv: undefined })).source, 'existing');
    assert.equal(await keys.authenticate(first.plaintext as string), undefined);
    assert.equal((await adminRows()).length, 1);
  });

  it('starts racing on one fresh database make exactly one (the others find it)', async () => {
    const fresh = await openTestDatabase();
    try {
      // On PostgreSQL these run on separate pool connections, as separate processes would.
      const starts = await Promise.all(
        Array.from({ length: 6 }, () => ensureInstanceAdminKey(fresh, { fromEnv: undefined })),
      );
      assert.deepEqual(starts.map((s) => s.source).sort(), [
        'created',
        'existing',
        'existing',
        'existing',
        'existing',
        'existing',
      ]);
      const rows = await withTenant(fresh, INSTANCE_TENANT_ID, (scope) =>
        scope.db.selectFrom('api_keys').select('id').execute(),
      );
      assert.equal(rows.length, 1);
    } finally {
      await fresh.close();
    }
  });

  it('KEYSTONE_ADMIN_KEY is accepted as an instance key with every scope, recorded once', async () => {
    const preshared = formatApiKey('secret', 'test', randomBytes(32));
    for (let start = 0; start < 2; start++) {
      assert.deepEqual(await ensureInstanceAdminKey(database, { fromEnv: preshared }), {
        plaintext: preshared,
        source: 'env',
      });
    }
    const principal = await keys.authenticate(preshared);
    assert.ok(principal?.kind === 'api_key');
    assert.deepEqual(principal.scopes, ['admin']);
    assert.equal(principal.environment, 'test');
    assert.equal((await adminRows()).filter((r) => r.name === 'from KEYSTONE_ADMIN_KEY').length, 1);
  });

  it('configuration refuses a KEYSTONE_ADMIN_KEY that is not a secret key with a valid checksum', () => {
    const good = formatApiKey('secret', 'live', randomBytes(32));
    assert.equal(loadConfig({ KEYSTONE_ADMIN_KEY: good }).adminKey, good);
    assert.equal(loadConfig({}).adminKey, undefined);
    const typo = `${good.slice(0, -1)}${good.at(-1) === '0' ? '1' : '0'}`;
    for (const bad of [typo, formatApiKey('publishable', 'live', randomBytes(32)), 'not-a-key']) {
      assert.throws(
        () => loadConfig({ KEYSTONE_ADMIN_KEY: bad }),
        (error: Error) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, /^invalid configuration: KEYSTONE_ADMIN_KEY must be a secret API key/);
          assert.ok(!error.message.includes(bad), 'the value is never echoed');
          return true;
        },
      );
    }
  });
});
