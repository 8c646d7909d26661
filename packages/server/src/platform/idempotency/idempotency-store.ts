import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * SQL for Idempotency-Key records (table `idempotency_keys`, instance-level).
 * Time is always the database's `now()`, so several server processes agree on
 * ages without trusting each other's clocks.
 */
export type IdempotencyTimings = {
  /** How long a key is remembered, from its first use. */
  ttlSeconds: number;
  /** An in-progress record older than this is presumed dead (its process died) and may be taken over. */
  lockTimeoutSeconds: number;
};

export type StoredResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
};

export type ExistingRecord =
  | { state: 'in_progress'; fingerprint: string; ageSeconds: number }
  | { state: 'completed'; fingerprint: string; response: StoredResponse };

export type Claim = { scope: string; key: string; lockToken: string };

const secondsAgo = (seconds: number) => sql<Date>`now() - make_interval(secs => ${seconds})`;

/**
 * Claims (scope, key) for this request in one atomic statement: inserts an
 * in-progress record, or replaces one that has expired, or takes over one whose
 * claim outlived the lock timeout with the same fingerprint. Of any number of
 * concurrent callers, on any number of processes, exactly one gets the claim;
 * the primary key and ON CONFLICT's row lock decide. Returns undefined when the
 * record exists and is not claimable.
 */
export async function claimKey(
  db: Kysely<DB>,
  input: { scope: string; key: string; fingerprint: string },
  timings: IdempotencyTimings,
): Promise<Claim | undefined> {
  const lockToken = randomUUID();
  const row = await db
    .insertInto('idempotency_keys')
    .values({
      scope: input.scope,
      key: input.key,
      fingerprint: input.fingerprint,
      lock_token: lockToken,
      state: 'in_progress',
    })
    .onConflict((oc) =>
      oc
        .columns(['scope', 'key'])
        .doUpdateSet({
          fingerprint: (eb) => eb.ref('excluded.fingerprint'),
          lock_token: (eb) => eb.ref('excluded.lock_token'),
          state: 'in_progress',
          created_at: sql<Date>`now()`,
          response_status: null,
          response_headers: null,
          response_body: null,
        })
        .where((eb) =>
          eb.or([
            eb('idempotency_keys.created_at', '<=', secondsAgo(timings.ttlSeconds)),
            eb.and([
              eb('idempotency_keys.state', '=', 'in_progress'),
              eb('idempotency_keys.fingerprint', '=', eb.ref('excluded.fingerprint')),
              eb('idempotency_keys.created_at', '<=', secondsAgo(timings.lockTimeoutSeconds)),
            ]),
          ]),
        ),
    )
    .returning('lock_token')
    .executeTakeFirst();
  return row?.lock_token === lockToken ? { scope: input.scope, key: input.key, lockToken } : undefined;
}

/** The record as it stands, or undefined if it is gone (released or swept meanwhile). */
export async function findRecord(
  db: Kysely<DB>,
  scope: string,
  key: string,
): Promise<ExistingRecord | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select([
      'state',
      'fingerprint',
      'response_status',
      'response_headers',
      'response_body',
      sql<number>`extract(epoch from now() - created_at)::float8`.as('age_seconds'),
    ])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.state === 'in_progress' || row.response_status === null || row.response_body === null) {
    return { state: 'in_progress', fingerprint: row.fingerprint, ageSeconds: Number(row.age_seconds) };
  }
  return {
    state: 'completed',
    fingerprint: row.fingerprint,
    response: {
      status: row.response_status,
      headers: row.response_headers ?? {},
      body: Buffer.from(row.response_body),
    },
  };
}

/** Records the final response; false if the claim was taken over meanwhile (the record is not ours). */
export async function completeClaim(
  db: Kysely<DB>,
  claim: Claim,
  response: StoredResponse,
): Promise<boolean> {
  const result = await db
    .updateTable('idempotency_keys')
    .set({
      state: 'completed',
      response_status: response.status,
      // Kysely passes objects through to the driver; JSON text is what both drivers accept for jsonb.
      response_headers: sql<Record<string, string>>`${JSON.stringify(response.headers)}::jsonb`,
      response_body: response.body,
    })
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .where('lock_token', '=', claim.lockToken)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Forgets an unfinished claim so the client may retry (after a 5xx, or a response that cannot be stored). */
export async function releaseClaim(db: Kysely<DB>, claim: Claim): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .where('lock_token', '=', claim.lockToken)
    .where('state', '=', 'in_progress')
    .execute();
}

/** Deletes every expired record; returns how many. */
export async function sweepExpiredKeys(db: Kysely<DB>, ttlSeconds: number): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<=', secondsAgo(ttlSeconds))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
