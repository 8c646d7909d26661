import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openTestDatabase, type TestDatabase, testBackend } from '../../../test/support/test-database.ts';
import { withTenant } from './tenant-scope.ts';

describe('fewer round trips on PostgreSQL (named statements, BEGIN and the binding with the first statement)', {
  skip: testBackend !== 'postgres' && 'node-postgres only: this runs on the PostgreSQL pass',
}, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase('postgres');
    const owner = await database.ownerRunner();
    await owner.exec(`CREATE TABLE round_trip_probe (id text PRIMARY KEY, n int);
      GRANT ALL ON round_trip_probe TO keystone_app; INSERT INTO round_trip_probe VALUES ('a', 1)`);
    await owner.close();
  });
  after(() => database?.close());

  test('BEGIN travels with the tenant binding; the binding holds for the transaction and ends with it', async () => {
    // A connection already in the pool: a new one also sends SET ROLE.
    await database.kysely.selectNoFrom(sql<number>`1`.as('one')).execute();
    const roundTrips = countRoundTrips();
    const seen = await withTenant(database, "org_o'brien", async (scope) => {
      const first = await sql<{ v: string }>`SELECT current_setting('keystone.org_id', true) AS v`.execute(
        scope.db,
      );
      return first.rows[0]?.v;
    });
    // BEGIN + binding + the SELECT, then COMMIT (without holding BEGIN and the binding: four).
    assert.equal(roundTrips.stop(), 2);
    assert.equal(seen, "org_o'brien", 'the value is escaped, not spliced');
    const outside = await sql<{
      v: string | null;
    }>`SELECT current_setting('keystone.org_id', true) AS v`.execute(database.kysely);
    assert.ok(!outside.rows[0]?.v);
  });

  test('values written into the first statement read back as parameters would', async () => {
    const probe = (db: typeof database.kysely) =>
      sql<Record<string, unknown>>`SELECT ${5} AS n, ${"it's"}::text AS s, ${null}::text AS nothing,
        ${new Date(Date.UTC(2026, 0, 2, 3, 4, 5))}::timestamptz AS at, ${[1, 2, 3]}::int[] AS list,
        ${JSON.stringify({ a: [1, 'x'] })}::jsonb AS doc, ${true}::boolean AS yes,
        n FROM round_trip_probe WHERE id = ${'a'}`.execute(db);
    const roundTrips = countRoundTrips();
    const inside = await withTenant(database, 'org_inline', (scope) => probe(scope.db));
    assert.equal(roundTrips.stop(), 2, 'the statement rode with BEGIN and the binding');
    const outside = await probe(database.kysely);
    assert.deepEqual(inside.rows, outside.rows);
    assert.equal(inside.rows[0]?.n, 1);
  });

  test('a first statement with a binary value cannot ride along: BEGIN and the binding go first', async () => {
    const roundTrips = countRoundTrips();
    const bytes = await withTenant(database, 'org_binary', async (scope) => {
      const result = await sql<{ b: Buffer }>`SELECT ${Buffer.from([1, 2, 255])}::bytea AS b`.execute(
        scope.db,
      );
      return result.rows[0]?.b;
    });
    assert.equal(roundTrips.stop(), 3);
    assert.deepEqual([...(bytes ?? [])], [1, 2, 255]);
  });

  test('a binding with nothing after it sends nothing', async () => {
    const roundTrips = countRoundTrips();
    await withTenant(database, 'org_idle', async () => {});
    assert.equal(roundTrips.stop(), 0);
  });

  test('a failing first statement fails and rolls back; the connection is usable after', async () => {
    await assert.rejects(
      withTenant(database, 'org_fail', (scope) => sql`SELECT nope FROM round_trip_probe`.execute(scope.db)),
      /nope/,
    );
    const after = await sql<{
      v: string | null;
    }>`SELECT current_setting('keystone.org_id', true) AS v`.execute(database.kysely);
    assert.ok(!after.rows[0]?.v);
  });

  test('a transaction that starts with another statement still begins, and rolls back', async () => {
    await assert.rejects(
      database.kysely.transaction().execute(async (trx) => {
        await sql`UPDATE round_trip_probe SET n = ${2} WHERE id = ${'a'}`.execute(trx);
        throw new Error('undo');
      }),
      /undo/,
    );
    const row = await sql<{ n: number }>`SELECT n FROM round_trip_probe WHERE id = ${'a'}`.execute(
      database.kysely,
    );
    assert.equal(row.rows[0]?.n, 1);
  });

  test('an empty transaction sends nothing; an aborted one still fails its commit', async () => {
    const roundTrips = countRoundTrips();
    await database.kysely.transaction().execute(async () => {});
    assert.equal(roundTrips.stop(), 0);
    await assert.rejects(
      database.kysely.transaction().execute(async (trx) => {
        await sql`UPDATE round_trip_probe SET n = ${3} WHERE id = ${'a'}`.execute(trx);
        await sql`INSERT INTO round_trip_probe VALUES (${'a'}, ${0})`.execute(trx).catch(() => undefined);
      }),
      (error: Error) => error.name === 'AbortedTransactionError',
    );
  });

  test('each parameterized SQL text is prepared once per connection', async () => {
    const prepared = await database.kysely.transaction().execute(async (trx) => {
      for (const id of ['a', 'b', 'c'])
        await sql`SELECT n FROM round_trip_probe WHERE id = ${id}`.execute(trx);
      return sql<{ count: number }>`SELECT count(*)::int AS count FROM pg_prepared_statements
        WHERE statement = 'SELECT n FROM round_trip_probe WHERE id = $1'`.execute(trx);
    });
    assert.equal(prepared.rows[0]?.count, 1);
  });
});

/** Counts round trips to the server: each simple query and each extended-protocol Sync ends one. */
function countRoundTrips(): { stop(): number } {
  const prototype = pg.Connection.prototype as unknown as Record<
    'query' | 'sync',
    (...args: unknown[]) => unknown
  >;
  const original = { query: prototype.query, sync: prototype.sync };
  let calls = 0;
  for (const method of ['query', 'sync'] as const) {
    prototype[method] = function (this: unknown, ...args: unknown[]) {
      calls++;
      return original[method].apply(this, args);
    };
  }
  return {
    stop() {
      prototype.query = original.query;
      prototype.sync = original.sync;
      return calls;
    },
  };
}
