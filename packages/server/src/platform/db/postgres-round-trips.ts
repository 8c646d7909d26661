import pg from 'pg';
import { TRANSACTION_LOCAL_SETTING } from './transaction-local-setting.ts';

/** At most this many SQL texts get a prepared statement name; the rest run unnamed. */
const MAX_NAMED_STATEMENTS = 2000;

/**
 * Fewer round trips and parses for Kysely on node-postgres, the same two savings
 * the PGlite dialect makes:
 *
 * - every parameterized SQL text gets a prepared statement name, so each pooled
 *   connection parses and plans it once and then only binds and executes it
 *   (node-postgres keeps track of what each connection has prepared);
 * - Kysely's `begin` is held back and sent with the transaction's first statement
 *   when that is a transaction-local setting (how withTenant and the RLS doors bind
 *   a transaction): `BEGIN; SELECT set_config(...)` in one simple-protocol round
 *   trip, its values escaped by node-postgres. A transaction that never sends a
 *   statement sends no BEGIN and no COMMIT either.
 *
 * Applied to each client as the pool connects it; Kysely calls `client.query(text, values)`.
 */
export function fewerRoundTrips(pool: pg.Pool): void {
  const names = new Map<string, string>();
  pool.on('connect', (client) => patchClient(client, names));
}

type QueryResultLike = { command: string; rowCount: number | null; rows: unknown[] };

function patchClient(client: pg.PoolClient, names: Map<string, string>): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  let beginHeld = false;

  const run = async (text: string, values: unknown[]): Promise<unknown> => {
    if (text === 'begin') {
      beginHeld = true;
      return { command: 'BEGIN', rowCount: null, rows: [] } satisfies QueryResultLike;
    }
    if (beginHeld) {
      beginHeld = false;
      if (text === 'commit' || text === 'rollback') {
        // Nothing was sent, so there is nothing to end.
        return { command: text.toUpperCase(), rowCount: null, rows: [] } satisfies QueryResultLike;
      }
      if (TRANSACTION_LOCAL_SETTING.test(text) && values.every((value) => typeof value === 'string')) {
        const inlined = text.replace(/\$(\d+)/g, (_, index: string) =>
          pg.escapeLiteral(values[Number(index) - 1] as string),
        );
        const results = (await query(`BEGIN; ${inlined}`)) as QueryResultLike[];
        return results.at(-1);
      }
      await query('BEGIN');
    }
    if (values.length === 0) return query(text, values);
    return query({ name: statementName(names, text), text, values });
  };

  // Only Kysely's form (text, values) is rerouted; anything else goes to node-postgres unchanged.
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && (values === undefined || Array.isArray(values)) && args.length <= 2) {
      return run(text, values ?? []);
    }
    return query(...args);
  }) as typeof client.query;
}

function statementName(names: Map<string, string>, text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
    name = `ks_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}
