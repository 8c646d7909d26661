import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PgliteDialect } from './pglite-dialect.ts';

type Row = {
  id: string;
  n: number | null;
  tags: string[] | null;
  at: Date | null;
  doc: unknown;
  raw: Uint8Array | null;
  on: boolean | null;
};
type TestDB = { t: Row; [table: string]: any };

describe('the PGlite dialect (one round trip per statement)', () => {
  let pglite: PGlite;
  let db: Kysely<TestDB>;

  before(async () => {
    pglite = await PGlite.create('memory://');
    db = new Kysely<TestDB>({ dialect: new PgliteDialect(pglite) });
    await sql`CREATE TABLE t (id text PRIMARY KEY, n int, tags text[], at timestamptz, doc jsonb, raw bytea, "on" boolean)`.execute(
      db,
    );
  });
  after(() => db.destroy());

  test('encodes parameters as node-postgres does and decodes results by type', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    await db
      .insertInto('t')
      .values({
        id: 'a',
        n: 1,
        tags: ['x', 'y "z"'],
        at,
        doc: JSON.stringify({ k: [1] }),
        raw: Buffer.from([1, 2]),
        on: true,
      })
      .execute();
    const row = await db.selectFrom('t').selectAll().where('id', '=', 'a').executeTakeFirstOrThrow();
    assert.deepEqual(row.tags, ['x', 'y "z"']);
    assert.equal(row.at?.toISOString(), at.toISOString());
    assert.deepEqual(row.doc, { k: [1] });
    assert.deepEqual([...(row.raw ?? [])], [1, 2]);
    assert.equal(row.on, true);
    const updated = await db.updateTable('t').set({ n: 2 }).where('id', '=', 'nobody').executeTakeFirst();
    assert.equal(updated.numUpdatedRows, 0n);
  });

  test('errors keep their SQLSTATE code, and a statement Postgres refused is not kept prepared', async () => {
    await assert.rejects(db.insertInto('t').values({ id: 'a' }).execute(), { code: '23505' });
    await assert.rejects(sql`SELECT * FROM not_yet`.execute(db), { code: '42P01' });
    await sql`CREATE TABLE not_yet (x int)`.execute(db);
    // The same text now parses: it was never cached as a failed statement.
    assert.deepEqual((await sql`SELECT * FROM not_yet`.execute(db)).rows, []);
  });

  test('prepares each SQL text once and reuses it', async () => {
    const find = (id: string) => db.selectFrom('t').select('n').where('id', '=', id).executeTakeFirst();
    await find('a');
    const before = await preparedCount();
    assert.ok(before > 0, 'statements are prepared under names');
    for (let i = 0; i < 5; i++) await find(`id-${i}`);
    assert.equal(await preparedCount(), before);
  });

  test('commits, rolls back on a throw, and refuses to commit a transaction Postgres aborted', async () => {
    await db
      .transaction()
      .execute((trx) => trx.updateTable('t').set({ n: 10 }).where('id', '=', 'a').execute());
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('t').set({ n: 11 }).where('id', '=', 'a').execute();
        throw new Error('boom');
      }),
      /boom/,
    );
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('t').set({ n: 12 }).where('id', '=', 'a').execute();
        // A caught error still aborts the transaction: its COMMIT must not pass for a success.
        await trx
          .insertInto('t')
          .values({ id: 'a' })
          .execute()
          .catch(() => undefined);
      }),
      { code: '25P02' },
    );
    await db.transaction().execute(async () => {}); // nothing sent, nothing held
    assert.equal((await db.selectFrom('t').select('n').where('id', '=', 'a').executeTakeFirst())?.n, 10);
    assert.equal(pglite.isInTransaction(), false);
  });

  test('a query outside a transaction waits for the open one instead of running inside it', async () => {
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const transaction = db.transaction().execute(async (trx) => {
      await trx.updateTable('t').set({ n: 20 }).where('id', '=', 'a').execute();
      inside();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await trx.updateTable('t').set({ n: 21 }).where('id', '=', 'a').execute();
      throw new Error('undo');
    });
    await entered;
    // Had it run inside the transaction, it would have seen 20 (and been rolled back with it).
    const seen = await db.selectFrom('t').select('n').where('id', '=', 'a').executeTakeFirst();
    await assert.rejects(transaction, /undo/);
    assert.equal(seen?.n, 10);
  });

  test('BEGIN and transaction-local settings ride with the next statement: one round trip each, settings hold', async () => {
    const roundTrips = countRoundTrips();
    const seen = await db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('keystone.org_id', ${'org_a'}, true)`.execute(trx);
      const first = await sql<{ v: string }>`SELECT current_setting('keystone.org_id', true) AS v`.execute(
        trx,
      );
      await trx.updateTable('t').set({ n: 30 }).where('id', '=', 'a').execute();
      const second = await sql<{ v: string }>`SELECT current_setting('keystone.org_id', true) AS v`.execute(
        trx,
      );
      return [first.rows[0]?.v, second.rows[0]?.v];
    });
    // BEGIN + setting + select, update, select, COMMIT.
    assert.equal(roundTrips.stop(), 4);
    assert.deepEqual(seen, ['org_a', 'org_a']);
    const outside = await sql<{
      v: string | null;
    }>`SELECT current_setting('keystone.org_id', true) AS v`.execute(db);
    assert.ok(!outside.rows[0]?.v, 'the setting was local to the transaction');
    // A transaction that only binds a setting sends nothing at all.
    const idle = countRoundTrips();
    await db
      .transaction()
      .execute((trx) => sql`SELECT set_config('keystone.org_id', ${'org_b'}, true)`.execute(trx));
    assert.equal(idle.stop(), 0);
    assert.equal(pglite.isInTransaction(), false);
  });

  /** Counts calls into Postgres on this PGlite instance until stop(). */
  function countRoundTrips(): { stop(): number } {
    const original = pglite.execProtocol;
    let calls = 0;
    pglite.execProtocol = function (this: PGlite, ...args: Parameters<PGlite['execProtocol']>) {
      calls++;
      return original.apply(this, args);
    };
    return {
      stop() {
        pglite.execProtocol = original;
        return calls;
      },
    };
  }

  async function preparedCount(): Promise<number> {
    const { rows } = await sql<{
      count: number;
    }>`SELECT count(*)::int AS count FROM pg_prepared_statements`.execute(db);
    return rows[0]?.count ?? 0;
  }
});
