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
 * - Kysely's `begin` is held back, and so is a transaction-local setting right after
 *   it (how withTenant and the RLS doors bind a transaction): both go with the
 *   transaction's next statement, `BEGIN; SELECT set_config(...); <statement>` in one
 *   simple-protocol round trip, every value encoded as node-postgres encodes a
 *   parameter (`prepareValue`) and escaped as a literal of unknown type, which the
 *   server types from context exactly as it types a parameter. A statement with a
 *   binary value cannot ride along: BEGIN and the setting then go on their own round
 *   trip first. A transaction that never sends a statement sends no BEGIN and no
 *   COMMIT either.
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
  /** The held transaction-local setting, inlined, waiting to go with the next statement. */
  let settingHeld: string | undefined;

  const run = async (text: string, values: unknown[]): Promise<unknown> => {
    if (text === 'begin') {
      beginHeld = true;
      return { command: 'BEGIN', rowCount: null, rows: [] } satisfies QueryResultLike;
    }
    if (beginHeld) {
      if (settingHeld === undefined && TRANSACTION_LOCAL_SETTING.test(text)) {
        const inlined = inlineParameters(text, values);
        if (inlined !== undefined) {
          settingHeld = inlined;
          // Nobody reads a binding's result (transaction-local-setting.ts).
          return { command: 'SELECT', rowCount: 1, rows: [] } satisfies QueryResultLike;
        }
      }
      beginHeld = false;
      const opening = settingHeld === undefined ? 'BEGIN' : `BEGIN; ${settingHeld}`;
      settingHeld = undefined;
      if (text === 'commit' || text === 'rollback') {
        // Nothing was sent (a setting alone changes nothing anyone sees), so there is nothing to end.
        return { command: text.toUpperCase(), rowCount: null, rows: [] } satisfies QueryResultLike;
      }
      const statement = inlineParameters(text, values);
      if (statement !== undefined) {
        const results = (await query(`${opening}; ${statement}`)) as QueryResultLike[];
        return results.at(-1);
      }
      await query(opening);
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

const { prepareValue } = (
  pg as unknown as { utils: { prepareValue(value: unknown): string | Buffer | null } }
).utils;

/**
 * The statement with its parameters written in as literals: each value encoded as node-postgres
 * would send it, then quoted as a literal of unknown type (so the server infers its type from
 * context, as for a parameter). Undefined when a value is binary, which only a parameter can carry.
 */
function inlineParameters(text: string, values: readonly unknown[]): string | undefined {
  const literals: string[] = [];
  for (const value of values) {
    const encoded = prepareValue(value);
    if (encoded === null) literals.push('NULL');
    else if (typeof encoded === 'string') literals.push(pg.escapeLiteral(encoded));
    else return undefined;
  }
  let complete = true;
  const inlined = text.replace(/\$(\d+)/g, (_, index: string) => {
    const literal = literals[Number(index) - 1];
    if (literal === undefined) complete = false;
    return literal ?? '';
  });
  // A placeholder with no value is the server's error to report, through the normal protocol.
  return complete ? inlined : undefined;
}

function statementName(names: Map<string, string>, text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
    name = `ks_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}
