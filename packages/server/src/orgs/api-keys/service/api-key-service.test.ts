import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type KyselyPlugin, sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../../test/support/test-database.ts';
import type { Database } from '../../../platform/db/database.ts';
import { INSTANCE_TENANT_ID } from '../../../platform/db/instance-tenant.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';
import { newId } from '../../../platform/ids.ts';
import { type ApiKeyService, createApiKeyService } from './api-key-service.ts';

const audit = { actor: { type: 'system' as const, id: null } };

/** Counts the transactions a service opens and the statements it sends (in a transaction or not). */
function spiedDatabase(database: Database) {
  const counts = { transactions: 0, statements: 0 };
  const counting: KyselyPlugin = {
    transformQuery(args) {
      counts.statements++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const kysely = new Proxy(database.kysely.withPlugin(counting), {
    get(target, property) {
      if (property === 'transaction') counts.transactions++;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { database: { ...database, kysely } as Database, counts };
}

describe('API key verification', () => {
  let database: TestDatabase;
  let service: ApiKeyService;
  let counts: { transactions: number; statements: number };
  const orgId = newId('org');

  before(async () => {
    database = await openTestDatabase();
    const spied = spiedDatabase(database);
    counts = spied.counts;
    // The timer never fires during the test: only an explicit flush writes.
    service = createApiKeyService({ database: spied.database, lastUsedFlushMs: 3_600_000 });
  });
  after(async () => {
    await service.close();
    await database.close();
  });

  const rowState = (owner: string, id: string) =>
    withTenant(database, owner, async (scope) => {
      const result = await sql<{ xmin: string; last_used_at: Date | null }>`
        SELECT xmin::text AS xmin, last_used_at FROM api_keys WHERE id = ${id}`.execute(scope.db);
      return result.rows[0] as { xmin: string; last_used_at: Date | null };
    });

  it('refuses a mistyped key without reading the database', async () => {
    const { secret } = await service.create(
      INSTANCE_TENANT_ID,
      { name: 'k', kind: 'secret', environment: 'live', scopes: ['admin'] },
      audit,
    );
    const before = { ...counts };
    const flipped = secret.at(-3) === 'Z' ? 'Y' : 'Z';
    const typo = `${secret.slice(0, -3)}${flipped}${secret.slice(-2)}`;
    assert.equal(await service.authenticate(typo), undefined);
    assert.equal(await service.authenticate('sk_live_short'), undefined);
    assert.deepEqual(counts, before, 'no read for a key that fails its checksum');
    assert.equal((await service.authenticate(secret))?.kind, 'api_key');
    assert.deepEqual(
      counts,
      { transactions: before.transactions, statements: before.statements + 1 },
      'one statement for a well-formed key, outside any transaction (keystone_api_key_by_lookup)',
    );
  });

  it('verifies without writing; last-used times are written in one batch per organization', async () => {
    const instanceKey = await service.create(
      INSTANCE_TENANT_ID,
      { name: 'a', kind: 'secret', environment: 'test', scopes: ['orgs:read'] },
      audit,
    );
    const orgKeys = [];
    for (const name of ['b', 'c'])
      orgKeys.push(
        await service.create(
          orgId,
          { name, kind: 'secret', environment: 'live', scopes: ['orgs:read'] },
          audit,
        ),
      );
    await service.flushLastUsed();
    const before = await rowState(INSTANCE_TENANT_ID, instanceKey.key.id);
    const orgBefore = await rowState(orgId, orgKeys[0]?.key.id as string);
    for (let i = 0; i < 20; i++) {
      const principal = await service.authenticate(instanceKey.secret);
      assert.deepEqual(principal, {
        kind: 'api_key',
        id: instanceKey.key.id,
        credentialId: instanceKey.key.id,
        orgId: INSTANCE_TENANT_ID,
        scopes: ['orgs:read'],
        environment: 'test',
      });
      for (const key of orgKeys) {
        const principal = await service.authenticate(key.secret);
        assert.ok(principal?.kind === 'api_key' && principal.orgId === orgId);
      }
    }
    // Sixty verifications later, the rows are exactly as they were: same row version, no last-used time.
    assert.deepEqual(await rowState(INSTANCE_TENANT_ID, instanceKey.key.id), before);
    assert.deepEqual(await rowState(orgId, orgKeys[0]?.key.id as string), orgBefore);
    assert.equal(before.last_used_at, null);

    const transactionsBefore = counts.transactions;
    await service.flushLastUsed();
    // One transaction (one UPDATE) per organization: the instance and orgId.
    assert.equal(counts.transactions - transactionsBefore, 2);
    const afterFlush = await rowState(INSTANCE_TENANT_ID, instanceKey.key.id);
    assert.notEqual(afterFlush.xmin, before.xmin);
    assert.ok(afterFlush.last_used_at instanceof Date);
    for (const key of orgKeys) assert.ok((await rowState(orgId, key.key.id)).last_used_at instanceof Date);
    // Nothing pending, nothing written.
    const idle = counts.transactions;
    await service.flushLastUsed();
    assert.equal(counts.transactions, idle);
  });

  it('a revoked or expired key stops at once; a publishable key comes back as its own kind', async () => {
    let clock = new Date('2030-01-01T00:00:00Z');
    const timed = createApiKeyService({ database, now: () => clock, lastUsedFlushMs: 3_600_000 });
    try {
      const expiring = await timed.create(
        orgId,
        {
          name: 'e',
          kind: 'secret',
          environment: 'live',
          scopes: [],
          expiresAt: new Date('2030-01-01T01:00:00Z'),
        },
        audit,
      );
      assert.equal((await timed.authenticate(expiring.secret))?.id, expiring.key.id);
      clock = new Date('2030-01-01T01:00:00Z');
      assert.equal(await timed.authenticate(expiring.secret), undefined);

      const pk = await timed.create(
        orgId,
        {
          name: 'p',
          kind: 'publishable',
          environment: 'live',
          scopes: ['flags:evaluate'],
          allowedOrigins: ['https://app.example'],
          rateLimitPerMinute: 30,
        },
        audit,
      );
      assert.deepEqual(await timed.authenticate(pk.secret), {
        kind: 'publishable_key',
        id: pk.key.id,
        credentialId: pk.key.id,
        orgId,
        scopes: ['flags:evaluate'],
        environment: 'live',
        allowedOrigins: ['https://app.example'],
        rateLimitPerMinute: 30,
      });
      await timed.revoke(orgId, pk.key.id, audit);
      assert.equal(await timed.authenticate(pk.secret), undefined);
    } finally {
      await timed.close();
    }
  });
});
