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
import { TRANSACTION_LOCAL_SETTING } from './transaction-local-setting.ts';

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
  /** Statements named so far (names are never reused). */
  statements: number;
};

class PgliteDriver implements Driver {
  readonly #session: Session;
  constructor(pglite: PGlite) {
    this.#session = { pglite, prepared: new Map(), statements: 0 };
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
  /** What has not been sent yet (BEGIN, transaction-local settings): it rides with the next statement. */
  pending: Batch;
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
    this.#transaction = { begun: false, pending: { messages: [BEGIN], preparing: [] }, release, released };
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
      const batch = transaction.pending;
      addStatement(this.#session, batch, compiled);
      // A setting's result is read by nobody, and it only matters to the statements after it.
      if (TRANSACTION_LOCAL_SETTING.test(compiled.sql)) return { rows: [] };
      transaction.pending = { messages: [], preparing: [] };
      transaction.begun = true;
      return runBatch<R>(this.#session, batch);
    }
    // Outside a transaction: wait for any open one, then sync to disk, as PGlite's query() does.
    const batch: Batch = { messages: [], preparing: [] };
    addStatement(this.#session, batch, compiled);
    const result = await exclusive(pglite)._runExclusiveTransaction(() => runBatch<R>(this.#session, batch));
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
const SYNC = serialize.sync();

/** A statement without parameters in the simple protocol (COMMIT, ROLLBACK); answers its command tag. */
async function runSimple(session: Session, text: string): Promise<string | undefined> {
  const { pglite } = session;
  const { messages } = await pglite.runExclusive(() =>
    pglite.execProtocol(serialize.query(text), { syncToFs: false }),
  );
  const done = messages.find((message) => message.name === 'commandComplete');
  return done && 'text' in done ? String(done.text) : undefined;
}

/** Extended-protocol messages on their way, and the statements they prepare (recorded once Postgres accepts them). */
type Batch = { messages: Uint8Array[]; preparing: Array<[sql: string, name: string]> };

/**
 * Appends one statement to a batch: Parse (only for a SQL text not prepared yet,
 * under a new name), Bind, Describe, Execute. No Sync: more may follow it.
 */
function addStatement(session: Session, batch: Batch, compiled: CompiledQuery): void {
  let name = session.prepared.get(compiled.sql);
  if (name === undefined) {
    name = session.prepared.size < MAX_PREPARED_STATEMENTS ? `ks_${++session.statements}` : '';
    if (name !== '') batch.preparing.push([compiled.sql, name]);
    batch.messages.push(serialize.parse({ name, text: compiled.sql, types: NO_TYPES }));
  }
  const values = compiled.parameters.map((value) => prepareValue(value));
  batch.messages.push(
    serialize.bind({ statement: name, values }),
    serialize.describe({ type: 'P' }),
    serialize.execute({}),
  );
}

/**
 * One round trip: the batch and a Sync. Its statements' names are recorded only if
 * nothing failed (a failed batch's names are never reused: names come from a counter).
 * Answers the last statement's result.
 */
async function runBatch<R>(session: Session, batch: Batch): Promise<QueryResult<R>> {
  const { pglite } = session;
  const { messages: replies } = await pglite.runExclusive(() =>
    pglite.execProtocol(concat([...batch.messages, SYNC]), { syncToFs: false, throwOnError: false }),
  );
  const failure = replies.find((reply) => reply.name === 'error');
  if (failure) throw failure;
  for (const [sql, name] of batch.preparing) session.prepared.set(sql, name);
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
