/**
 * Loads tuples straight into fga_tuples with SQL, for speed (a million through OpenFGA's Write, 100 a
 * request, would take most of the run): batches of INSERT ... SELECT FROM unnest(arrays), in the
 * store the API created, with the columns the access store writes (user_relation '' for a plain
 * user, no condition). Then ANALYZE, which the planner needs at this size.
 */
import pg from 'pg';
import type { TupleKey } from './document-sharing.ts';

const BATCH = 20_000;

const COLUMNS = ['object_type', 'object_id', 'relation', 'user_type', 'user_id', 'user_relation'] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

/** `group:g1#member` → its columns, as the access store splits them. */
export function rowOf(tuple: TupleKey): Row {
  const objectColon = tuple.object.indexOf(':');
  const userColon = tuple.user.indexOf(':');
  const hash = tuple.user.indexOf('#');
  return {
    object_type: tuple.object.slice(0, objectColon),
    object_id: tuple.object.slice(objectColon + 1),
    relation: tuple.relation,
    user_type: tuple.user.slice(0, userColon),
    user_id: tuple.user.slice(userColon + 1, hash === -1 ? undefined : hash),
    user_relation: hash === -1 ? '' : tuple.user.slice(hash + 1),
  };
}

const INSERT = `
  INSERT INTO fga_tuples (org_id, store_id, object_type, object_id, relation, user_type, user_id, user_relation)
  SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`;

export async function bulkLoad(
  databaseUrl: string,
  target: { orgId: string; storeId: string },
  tuples: Iterable<TupleKey>,
): Promise<{ rows: number; loadSeconds: number; analyzeSeconds: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    let rows = 0;
    let batch: Row[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const columns = COLUMNS.map((column) => batch.map((row) => row[column]));
      await client.query(INSERT, [target.orgId, target.storeId, ...columns]);
      rows += batch.length;
      batch = [];
    };
    for (const tuple of tuples) {
      batch.push(rowOf(tuple));
      if (batch.length === BATCH) await flush();
    }
    await flush();
    const loaded = performance.now();
    await client.query('ANALYZE fga_tuples');
    return {
      rows,
      loadSeconds: (loaded - started) / 1000,
      analyzeSeconds: (performance.now() - loaded) / 1000,
    };
  } finally {
    await client.end();
  }
}

/**
 * The rows the API wrote for `tuples`, compared with what the loader would have written: the two
 * paths must store a tuple the same way, or the bench would measure a different table.
 */
export async function rowsMatchLoader(
  databaseUrl: string,
  target: { orgId: string; storeId: string },
  tuples: readonly TupleKey[],
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const problems: string[] = [];
    for (const tuple of tuples) {
      const row = rowOf(tuple);
      const found = await client.query(
        `SELECT condition_name, condition_context FROM fga_tuples
          WHERE org_id = $1 AND store_id = $2 AND object_type = $3 AND object_id = $4 AND relation = $5
            AND user_type = $6 AND user_id = $7 AND user_relation = $8`,
        [target.orgId, target.storeId, ...COLUMNS.map((column) => row[column])],
      );
      const stored = found.rows[0] as { condition_name: unknown; condition_context: unknown } | undefined;
      if (!stored) problems.push(`not stored as the loader would: ${JSON.stringify(tuple)}`);
      else if (stored.condition_name !== null || stored.condition_context !== null) {
        problems.push(`stored with a condition: ${JSON.stringify(tuple)}`);
      }
    }
    return problems;
  } finally {
    await client.end();
  }
}
