import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * GDPR erasure: forgets the Idempotency-Key records (and the sealed responses
 * in them) of the given credentials, e.g. an erased user's sessions or an
 * erased organization's API keys.
 */
export async function deleteIdempotencyRecordsOfScopes(
  db: Kysely<DB> | Transaction<DB>,
  scopes: readonly string[],
): Promise<void> {
  if (scopes.length === 0) return;
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', 'in', [...scopes])
    .execute();
}
