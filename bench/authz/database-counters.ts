/**
 * PostgreSQL's own counters for the bench database: index scans of fga_tuples (one per tuple read the
 * engine makes) and committed transactions. Read around the one-at-a-time verification pass, they say
 * how many statements a check costs, a figure the machine's load does not blur.
 */
import pg from 'pg';

export type Counters = { tupleIndexScans: number; transactions: number };

/** Server backends report their statistics when idle for up to 10 s (PostgreSQL 15's PGSTAT_IDLE_INTERVAL). */
export const STATS_SETTLE_MS = 11_000;

export async function readCounters(databaseUrl: string): Promise<Counters> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query(
      `SELECT (SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_tables WHERE relname = 'fga_tuples') AS scans,
              (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits`,
    );
    return { tupleIndexScans: Number(rows[0].scans), transactions: Number(rows[0].commits) };
  } finally {
    await client.end();
  }
}

export function perOperation(before: Counters, after: Counters, operations: number): Counters {
  return {
    tupleIndexScans: (after.tupleIndexScans - before.tupleIndexScans) / operations,
    transactions: (after.transactions - before.transactions) / operations,
  };
}
