import { type PGlite, parse, protocol, TransactionAbortedError } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';

/** node-postgres's own parameter encoding: public at runtime as `pg.utils`, absent from its typings. */
const { prepareValue } = (
  pg as unknown as { utils: { prepareValue(value: unknown): string | Buffer | null } }
).utils;

/**
 * Kysely on PGlite, one protocol round trip per query.
 *
 * PGlite's own `query()` enters Postgres six times per statement (parse,
 * describe, bind, describe, execute, sync), and parses every statement anew.
 * Here a statement is one buffer of extended-protocol messages handed to
 * Postgres at once, and each distinct SQL text is parsed once into a named
 * prepared statement, then only bound and executed: the same thing a pooled
 * PostgreSQL driver with statement caching does. Parameters are encoded as
 * node-postgres encodes them (`prepareValue`, types inferred by the server), so
 * one query means the same on both backends.
 *
 * PGlite is one session: a transaction holds it from BEGIN to COMMIT through
 * PGlite's own `transaction()` (the lock its other users respect), and a query
 * outside a transaction waits for any open one, as PGlite's `query()` does.
 */
export class PgliteDialect implements Dialect {
  readonly #pglite: PGlite;
  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PgliteDriver(this.#pglite);
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own dialects take Kysely<any> here.
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

/** At most this many prepared statements are kept; SQL texts beyond it run unnamed. */
const MAX_PREPARED_STATEMENTS = 2000;

type Session = {
  pglite: PGlite;
  /** SQL text → prepared statement name. */
  prepared: Map<string, string>;
};

class PgliteDriver implements Driver {
  readonly #session: Session;
  constructor(pglite: PGlite) {
    this.#session = { pglite, prepared: new Map() };
  }
  async init(): Promise<void> {
    await this.#session.pglite.waitReady;
  }
  /** A handle per acquirer, so a transaction's queries and everyone else's stay apart. */
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PgliteConnection(this.#session);
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.isolationLevel || settings.accessMode) {
      throw new Error('PGlite transactions take no isolation level or access mode here');
    }
    await (connection as PgliteConnection).begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PgliteConnection).end('commit');
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PgliteConnection).end('rollback');
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    if (!this.#session.pglite.closed) await this.#session.pglite.close();
  }
}

type OpenTransaction = {
  /** Whether BEGIN has been sent: it rides with the transaction's first statement. */
  begun: boolean;
  release: () => void;
  released: Promise<void>;
};

class PgliteConnection implements DatabaseConnection {
  readonly #session: Session;
  #transaction: OpenTransaction | undefined;
  constructor(session: Session) {
    this.#session = session;
  }

  /** Takes the session until end(); BEGIN itself is sent with the first statement (one round trip fewer). */
  async begin(): Promise<void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const acquired = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const released = exclusive(this.#session.pglite)._runExclusiveTransaction(async () => {
      locked();
      await held;
    });
    await acquired;
    this.#transaction = { begun: false, release, released };
  }

  async end(outcome: 'commit' | 'rollback'): Promise<void> {
    const transaction = this.#transaction;
    // Kysely rolls back after a failed COMMIT; that transaction has already ended.
    if (!transaction) return;
    this.#transaction = undefined;
    try {
      if (!transaction.begun) return;
      const tag = await runSimple(this.#session, outcome === 'commit' ? 'COMMIT' : 'ROLLBACK');
      // Postgres answers COMMIT of a failed transaction with ROLLBACK; that is an error, as in PGlite's transaction().
      if (outcome === 'commit' && tag === 'ROLLBACK') throw new TransactionAbortedError();
    } finally {
      transaction.release();
      await transaction.released;
      await this.#session.pglite.syncToFs();
    }
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { pglite } = this.#session;
    const transaction = this.#transaction;
    if (transaction) {
      const begin = !transaction.begun;
      transaction.begun = true;
      return runStatement<R>(this.#session, compiled, begin);
    }
    // Outside a transaction: wait for any open one, then sync to disk, as PGlite's query() does.
    const result = await exclusive(pglite)._runExclusiveTransaction(() =>
      runStatement<R>(this.#session, compiled, false),
    );
    await pglite.syncToFs();
    return result;
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered, as with Kysely's PGlite dialect.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported on PGlite');
  }
}

/** PGlite's session lock, the one its `query()` and `transaction()` take (not in its typings). */
type ExclusiveSession = { _runExclusiveTransaction<T>(work: () => Promise<T>): Promise<T> };

function exclusive(pglite: PGlite): ExclusiveSession {
  return pglite as unknown as ExclusiveSession;
}

const { serialize } = protocol;
const NO_TYPES: number[] = [];
const BEGIN = serialize.query('BEGIN');

/** A statement without parameters in the simple protocol (COMMIT, ROLLBACK); answers its command tag. */
async function runSimple(session: Session, text: string): Promise<string | undefined> {
  const { pglite } = session;
  const { messages } = await pglite.runExclusive(() =>
    pglite.execProtocol(serialize.query(text), { syncToFs: false }),
  );
  const done = messages.find((message) => message.name === 'commandComplete');
  return done && 'text' in done ? String(done.text) : undefined;
}

/**
 * One statement, one round trip: [BEGIN] [Parse] Bind Describe Execute Sync. A SQL text
 * seen before is only bound to its prepared statement; a new one is parsed
 * under a name (kept only if Postgres accepted it).
 */
async function runStatement<R>(
  session: Session,
  compiled: CompiledQuery,
  begin: boolean,
): Promise<QueryResult<R>> {
  const { pglite, prepared } = session;
  const known = prepared.get(compiled.sql);
  const name = known ?? (prepared.size < MAX_PREPARED_STATEMENTS ? `ks_${prepared.size + 1}` : '');
  const values = compiled.parameters.map((value) => prepareValue(value));
  const messages = [
    ...(begin ? [BEGIN] : []),
    ...(known === undefined ? [serialize.parse({ name, text: compiled.sql, types: NO_TYPES })] : []),
    serialize.bind({ statement: name, values }),
    serialize.describe({ type: 'P' }),
    serialize.execute({}),
    serialize.sync(),
  ];
  const { messages: replies } = await pglite.runExclusive(() =>
    pglite.execProtocol(concat(messages), { syncToFs: false, throwOnError: false }),
  );
  if (known === undefined && name !== '' && replies.some((reply) => reply.name === 'parseComplete')) {
    prepared.set(compiled.sql, name);
  }
  const failure = replies.find((reply) => reply.name === 'error');
  if (failure) throw failure;
  // With BEGIN in front, its (empty) result comes first: the statement's is the last.
  const result = parse.parseResults(replies, pglite.parsers, {}, undefined).at(-1);
  return {
    rows: (result?.rows ?? []) as R[],
    ...(result?.affectedRows === undefined ? {} : { numAffectedRows: BigInt(result.affectedRows) }),
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const buffer = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    buffer.set(part, offset);
    offset += part.length;
  }
  return buffer;
}
