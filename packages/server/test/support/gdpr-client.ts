import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/platform/db/database.ts';

/** Helpers for the GDPR tests: whole-database searches as the owner, chain verdicts over HTTP. */

/** Every table of the public schema that has an org_id column. */
export async function tablesWithOrgId(database: Database): Promise<string[]> {
  const owner = await database.ownerRunner();
  try {
    const rows = await owner.query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'org_id' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name`,
    );
    return rows.map((row) => row.table_name);
  } finally {
    await owner.close();
  }
}

/** How many rows of each table with org_id belong to the organization (read as the owner, past RLS). */
export async function rowsOfOrganization(database: Database, orgId: string): Promise<Record<string, number>> {
  const tables = await tablesWithOrgId(database);
  const owner = await database.ownerRunner();
  try {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const [row] = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table}" WHERE org_id = $1`,
        [orgId],
      );
      counts[table] = row?.n ?? 0;
    }
    return counts;
  } finally {
    await owner.close();
  }
}

/** The tables (and how many rows of each) whose text contains the needle, case-insensitively. */
export async function tablesMentioning(database: Database, needle: string): Promise<Record<string, number>> {
  const owner = await database.ownerRunner();
  try {
    const tables = await owner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const found: Record<string, number> = {};
    for (const { table_name } of tables) {
      const [row] = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table_name}" t WHERE strpos(lower(t::text), lower($1)) > 0`,
        [needle],
      );
      if (row && row.n > 0) found[table_name] = row.n;
    }
    return found;
  } finally {
    await owner.close();
  }
}

/** The audit chain verdict of an organization (or the instance), as the operator. */
export async function chainVerdict(
  app: FastifyInstance,
  operator: Record<string, string>,
  orgId: string,
): Promise<{ ok: boolean } & Record<string, unknown>> {
  const res = await app.inject({
    method: 'GET',
    url: `/v1/organizations/${orgId}/audit-log/verify`,
    headers: operator,
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}
