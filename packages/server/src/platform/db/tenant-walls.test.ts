import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase, testBackend } from '../../../test/support/test-database.ts';
import { newId } from '../ids.ts';
import { withInstanceTransaction, withTenant } from './tenant-scope.ts';

type WallState = { table: string; enabled: boolean; forced: boolean; policy: boolean };

/**
 * Every table in `public` with an `org_id` column and how its wall stands: RLS
 * enabled, forced (the owner is held too), and a policy for all commands whose
 * USING and WITH CHECK both key on keystone_current_org().
 */
const WALLS_SQL = `
  SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
    EXISTS (
      SELECT 1 FROM pg_policy p
      WHERE p.polrelid = c.oid AND p.polcmd = '*' AND p.polpermissive AND p.polroles = '{0}'
        AND pg_get_expr(p.polqual, p.polrelid) LIKE '%keystone_current_org()%'
        AND pg_get_expr(p.polwithcheck, p.polrelid) LIKE '%keystone_current_org()%'
    ) AS policy
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped)
  ORDER BY c.relname`;

describe('tenant walls', () => {
  let database: TestDatabase;
  const orgA = newId('org');
  const orgB = newId('org');

  async function asOwner<R>(query: string): Promise<R[]> {
    const runner = await database.ownerRunner();
    try {
      if (query.includes(';')) {
        await runner.exec(query);
        return [];
      }
      return await runner.query<R>(query);
    } finally {
      await runner.close();
    }
  }
  const unwalled = async () =>
    (await asOwner<WallState>(WALLS_SQL)).filter((t) => !(t.enabled && t.forced && t.policy));
  const insertNote = (orgId: string, body: string) =>
    sql`INSERT INTO wall_probe_notes (id, org_id, body) VALUES (${newId('note')}, ${orgId}, ${body})`;

  before(async () => {
    database = await openTestDatabase();
    const owner = await database.ownerRunner();
    await owner.exec(`CREATE TABLE wall_probe_notes (id text PRIMARY KEY, org_id text NOT NULL, body text NOT NULL);
      SELECT keystone_enable_tenant_rls('wall_probe_notes');`);
    await owner.close();
    await withTenant(database, orgA, async (scope) => {
      await insertNote(orgA, 'a-1').execute(scope.db);
      await insertNote(orgA, 'a-2').execute(scope.db);
    });
    await withTenant(database, orgB, (scope) => insertNote(orgB, 'b-1').execute(scope.db));
  });
  after(() => database.close());

  describe('every tenant table has its wall (pg_catalog)', () => {
    it('finds RLS enabled, forced and a tenant policy on every table with org_id', async () => {
      const tables = (await asOwner<WallState>(WALLS_SQL)).map((t) => t.table);
      // Not vacuous: the platform's own tenant tables are among those checked.
      for (const table of ['org_data_keys', 'wall_probe_notes']) assert.ok(tables.includes(table), table);
      assert.deepEqual(await unwalled(), []);
    });

    it('fails for a tenant table added without keystone_enable_tenant_rls, or with half of it', async () => {
      // One owner session at a time: on PGlite they share the app's session and its role.
      await asOwner(`
        CREATE TABLE wall_probe_bare (org_id text NOT NULL);
        CREATE TABLE wall_probe_not_forced (org_id text NOT NULL);
        ALTER TABLE wall_probe_not_forced ENABLE ROW LEVEL SECURITY;
        CREATE POLICY p ON wall_probe_not_forced USING (org_id = keystone_current_org()) WITH CHECK (org_id = keystone_current_org());
        CREATE TABLE wall_probe_no_check (org_id text NOT NULL);
        ALTER TABLE wall_probe_no_check ENABLE ROW LEVEL SECURITY;
        ALTER TABLE wall_probe_no_check FORCE ROW LEVEL SECURITY;
        CREATE POLICY p ON wall_probe_no_check FOR SELECT USING (org_id = keystone_current_org());`);
      try {
        assert.deepEqual(await unwalled(), [
          { table: 'wall_probe_bare', enabled: false, forced: false, policy: false },
          { table: 'wall_probe_no_check', enabled: true, forced: true, policy: false },
          { table: 'wall_probe_not_forced', enabled: true, forced: false, policy: true },
        ]);
      } finally {
        await asOwner('DROP TABLE wall_probe_bare, wall_probe_not_forced, wall_probe_no_check');
      }
    });
  });

  describe('a query that forgets WHERE org_id', () => {
    it('sees only its own organization inside withTenant', async () => {
      assert.equal((await asOwner('SELECT * FROM wall_probe_notes')).length, 3, 'the rows are there');
      const seenByA = await withTenant(database, orgA, (scope) =>
        sql<{ org_id: string; body: string }>`SELECT * FROM wall_probe_notes ORDER BY body`.execute(scope.db),
      );
      assert.deepEqual(
        seenByA.rows.map((r) => [r.org_id, r.body]),
        [
          [orgA, 'a-1'],
          [orgA, 'a-2'],
        ],
      );
      const seenByB = await withTenant(database, orgB, (scope) =>
        sql<{ body: string }>`SELECT body FROM wall_probe_notes`.execute(scope.db),
      );
      assert.deepEqual(
        seenByB.rows.map((r) => r.body),
        ['b-1'],
      );
    });

    it('sees nothing without a tenant context, and a finished tenant transaction leaves none behind', async () => {
      await withTenant(database, orgA, (scope) => sql`SELECT 1`.execute(scope.db));
      const bare = await sql`SELECT * FROM wall_probe_notes`.execute(database.kysely);
      assert.equal(bare.rows.length, 0);
      const instance = await withInstanceTransaction(database, ({ db }) =>
        sql`SELECT * FROM wall_probe_notes`.execute(db),
      );
      assert.equal(instance.rows.length, 0);
    });

    it('cannot write into another organization (WITH CHECK) nor touch its rows', async () => {
      await assert.rejects(
        withTenant(database, orgA, (scope) => insertNote(orgB, 'planted by A').execute(scope.db)),
        /row-level security/,
      );
      await assert.rejects(
        withTenant(database, orgA, (scope) =>
          sql`UPDATE wall_probe_notes SET org_id = ${orgB} WHERE body = 'a-1'`.execute(scope.db),
        ),
        /row-level security/,
      );
      const touched = await withTenant(database, orgA, (scope) =>
        sql`UPDATE wall_probe_notes SET body = body || '!'`.execute(scope.db),
      );
      assert.equal(touched.numAffectedRows, 2n);
      const deleted = await withTenant(database, orgA, (scope) =>
        sql`DELETE FROM wall_probe_notes WHERE org_id = ${orgB}`.execute(scope.db),
      );
      assert.equal(deleted.numAffectedRows, 0n);
      assert.deepEqual(
        (await asOwner<{ body: string }>('SELECT body FROM wall_probe_notes ORDER BY body')).map(
          (r) => r.body,
        ),
        ['a-1!', 'a-2!', 'b-1'],
      );
    });
  });

  describe('the application role', () => {
    it('is keystone_app: not a superuser, no BYPASSRLS', async () => {
      const [role] = await asOwner<{ rolsuper: boolean; rolbypassrls: boolean }>(
        "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'keystone_app'",
      );
      assert.deepEqual(role, { rolsuper: false, rolbypassrls: false });
      const who = await withTenant(database, orgA, (scope) =>
        sql<{ current_user: string }>`SELECT current_user`.execute(scope.db),
      );
      assert.equal(who.rows[0]?.current_user, 'keystone_app');
    });

    it('cannot switch row security off or take the wall down', async () => {
      // row_security = off makes a query that RLS would filter fail, unless the role bypasses RLS.
      await assert.rejects(
        withTenant(database, orgA, async (scope) => {
          await sql`SET LOCAL row_security = off`.execute(scope.db);
          return sql`SELECT * FROM wall_probe_notes`.execute(scope.db);
        }),
        /row-level security/,
      );
      for (const ddl of [
        'ALTER TABLE wall_probe_notes DISABLE ROW LEVEL SECURITY',
        'ALTER TABLE wall_probe_notes NO FORCE ROW LEVEL SECURITY',
        'DROP POLICY tenant_isolation ON wall_probe_notes',
        'ALTER TABLE org_data_keys DISABLE ROW LEVEL SECURITY',
      ]) {
        await assert.rejects(
          withTenant(database, orgA, (scope) => sql.raw(ddl).execute(scope.db)),
          /must be owner/,
          ddl,
        );
      }
      assert.deepEqual(await unwalled(), []);
    });

    it('on PostgreSQL, a session cannot step out of keystone_app: it logged in as keystone_app', {
      skip: testBackend === 'pglite' ? 'PGlite has one superuser session; see the next test' : false,
    }, async () => {
      // openTestDatabase logs the pool in as keystone_app (DATABASE_APP_URL), as production should.
      const seen = await database.kysely.transaction().execute(async (trx) => {
        await sql`RESET ROLE`.execute(trx);
        const who = await sql<{ session_user: string; current_user: string }>`
          SELECT session_user, current_user`.execute(trx);
        const rows = await sql`SELECT * FROM wall_probe_notes`.execute(trx);
        return { ...who.rows[0], rows: rows.rows.length };
      });
      assert.deepEqual(seen, { session_user: 'keystone_app', current_user: 'keystone_app', rows: 0 });
    });

    it('on PGlite, pins the documented limit: the one session is a superuser that SQL can step back to', {
      skip: testBackend === 'postgres' ? 'PostgreSQL logs in as keystone_app; see the previous test' : false,
    }, async () => {
      // PGlite runs as the superuser `postgres` and only SET ROLE keystone_app. SQL that deliberately
      // resets the role escapes RLS; docs/platform.md says so.
      const seen = await database.kysely.transaction().execute(async (trx) => {
        await sql`SET LOCAL ROLE NONE`.execute(trx);
        const who = await sql<{ current_user: string; super: boolean }>`
          SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) AS super`.execute(
          trx,
        );
        const rows = await sql`SELECT * FROM wall_probe_notes`.execute(trx);
        return { ...who.rows[0], rows: rows.rows.length };
      });
      assert.deepEqual(seen, { current_user: 'postgres', super: true, rows: 3 });
      const back = await sql<{ current_user: string }>`SELECT current_user`.execute(database.kysely);
      assert.equal(back.rows[0]?.current_user, 'keystone_app', 'the role comes back after the transaction');
    });
  });
});
