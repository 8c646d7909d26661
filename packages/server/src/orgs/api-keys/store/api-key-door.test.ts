import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { openTestDatabase, type TestDatabase } from '../../../../test/support/test-database.ts';
import { INSTANCE_TENANT_ID } from '../../../platform/db/instance-tenant.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';
import { newId } from '../../../platform/ids.ts';
import { findApiKeyByLookup } from './api-key-door.ts';
import { insertApiKey } from './api-key-store.ts';

/** The authentication door at the SQL level: one statement, one row by its lookup id, nothing more. */
describe('findApiKeyByLookup (keystone_api_key_by_lookup)', () => {
  let database: TestDatabase;
  const orgA = newId('org');
  const orgB = newId('org');
  const lookups = { a: `lk_a_${newId('key')}`, b: `lk_b_${newId('key')}`, instance: `lk_i_${newId('key')}` };

  const insertKey = (orgId: string, lookup: string, extra: { expires_at?: Date } = {}) =>
    withTenant(database, orgId, (scope) =>
      insertApiKey(scope, {
        id: newId('key'),
        kind: 'secret',
        environment: 'live',
        name: lookup,
        lookup,
        secret_hash: `hash-of-${lookup}`,
        display_prefix: 'sk_live_x',
        scopes: ['orgs:read', 'members:view'],
        ...extra,
      }),
    );
  const idsSeen = (rows: { rows: Array<{ id: string }> }) => rows.rows.map((row) => row.id);

  before(async () => {
    database = await openTestDatabase();
    await insertKey(orgA, lookups.a, { expires_at: new Date('2031-02-03T04:05:06.789Z') });
    await insertKey(orgB, lookups.b);
    await insertKey(INSTANCE_TENANT_ID, lookups.instance);
  });
  after(() => database.close());

  it('finds the one key by its lookup, whatever its organization, exactly as its tenant reads it', async () => {
    for (const [orgId, lookup] of [
      [orgA, lookups.a],
      [orgB, lookups.b],
      [INSTANCE_TENANT_ID, lookups.instance],
    ] as const) {
      const viaDoor = await findApiKeyByLookup(database, lookup);
      const viaTenant = await withTenant(database, orgId, (scope) =>
        scope.db.selectFrom('api_keys').selectAll().where('lookup', '=', lookup).executeTakeFirstOrThrow(),
      );
      // Same values and same types (dates, arrays, nulls) on both backends.
      assert.deepEqual(viaDoor, viaTenant);
    }
    assert.ok((await findApiKeyByLookup(database, lookups.a))?.expires_at instanceof Date);
    assert.equal(await findApiKeyByLookup(database, 'lk_unknown'), undefined);
    assert.equal(await findApiKeyByLookup(database, ''), undefined);
  });

  it('costs one round trip to the database, outside any transaction', async () => {
    // A connection already in the pool: a new one also sends SET ROLE.
    await findApiKeyByLookup(database, lookups.a);
    const roundTrips = countRoundTrips(database.backend);
    const row = await findApiKeyByLookup(database, lookups.b);
    assert.equal(roundTrips.stop(), 1);
    assert.equal(row?.org_id, orgB);
  });

  it('closes the door behind it: the rest of the transaction sees no key through it', async () => {
    const seen = await database.kysely.transaction().execute(async (trx) => {
      const found = await sql<{ id: string }>`SELECT * FROM keystone_api_key_by_lookup(${lookups.a})`.execute(
        trx,
      );
      const after = await sql<{ id: string }>`SELECT id FROM api_keys`.execute(trx);
      const setting = await sql<{ v: string | null }>`
        SELECT current_setting('keystone.api_key_lookup', true) AS v`.execute(trx);
      return { found: found.rows.length, after: idsSeen(after), setting: setting.rows[0]?.v };
    });
    assert.deepEqual(seen, { found: 1, after: [], setting: '' });
  });

  it('puts back a door that was already open, and never shows more than the row asked for', async () => {
    const keyB = await findApiKeyByLookup(database, lookups.b);
    const seen = await database.kysely.transaction().execute(async (trx) => {
      await sql`SELECT set_config('keystone.api_key_lookup', ${lookups.b}, true)`.execute(trx);
      const found = await sql<{ id: string }>`SELECT * FROM keystone_api_key_by_lookup(${lookups.a})`.execute(
        trx,
      );
      const after = await sql<{ id: string }>`SELECT id FROM api_keys`.execute(trx);
      return { found: found.rows.length, after: idsSeen(after) };
    });
    assert.deepEqual(seen, { found: 1, after: [keyB?.id] });
  });

  it('runs as the application role, not as its owner: row-level security still decides', async () => {
    const [fn] = await asOwner<{ definer: boolean; config: string[] | null; public_may: boolean }>(`
      SELECT p.prosecdef AS definer, p.proconfig AS config,
        EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0) AS public_may
      FROM pg_proc p WHERE p.proname = 'keystone_api_key_by_lookup'`);
    assert.deepEqual(fn, { definer: false, config: null, public_may: false });
    const [grant] = await asOwner<{ app_may: boolean }>(
      `SELECT has_function_privilege('keystone_app', 'keystone_api_key_by_lookup(text)', 'EXECUTE') AS app_may`,
    );
    assert.deepEqual(grant, { app_may: true });
    // Without the door's policy the function finds nothing: it opens the door, it is not one.
    await asOwner('DROP POLICY key_by_lookup ON api_keys', 'exec');
    try {
      assert.equal(await findApiKeyByLookup(database, lookups.a), undefined);
    } finally {
      await asOwner(
        `CREATE POLICY key_by_lookup ON api_keys FOR SELECT
          USING (lookup = NULLIF(current_setting('keystone.api_key_lookup', true), ''))`,
        'exec',
      );
    }
    assert.equal((await findApiKeyByLookup(database, lookups.a))?.org_id, orgA);
  });

  /** One owner session at a time, closed before the app queries again: on PGlite it is the app's session. */
  async function asOwner<R>(query: string, mode: 'query' | 'exec' = 'query'): Promise<R[]> {
    const owner = await database.ownerRunner();
    try {
      if (mode === 'exec') {
        await owner.exec(query);
        return [];
      }
      return await owner.query<R>(query);
    } finally {
      await owner.close();
    }
  }
});

/**
 * Counts round trips to the database until stop(): on PostgreSQL each simple query
 * and each extended-protocol Sync ends one; on PGlite each call into Postgres is one.
 */
function countRoundTrips(backend: 'pglite' | 'postgres'): { stop(): number } {
  const prototype = (backend === 'postgres'
    ? pg.Connection.prototype
    : PGlite.prototype) as unknown as Record<string, (...args: unknown[]) => unknown>;
  const methods = backend === 'postgres' ? ['query', 'sync'] : ['execProtocol'];
  const originals = methods.map((method) => prototype[method]);
  let calls = 0;
  methods.forEach((method, i) => {
    const original = originals[i] as (...args: unknown[]) => unknown;
    prototype[method] = function (this: unknown, ...args: unknown[]) {
      calls++;
      return original.apply(this, args);
    };
  });
  return {
    stop() {
      methods.forEach((method, i) => {
        prototype[method] = originals[i] as (...args: unknown[]) => unknown;
      });
      return calls;
    },
  };
}
