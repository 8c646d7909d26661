import { sql } from 'kysely';
import type { InstanceScope } from '../../platform/db/tenant-scope.ts';
import type { SigningKeysTable } from '../store/tables.ts';

/** SQL for `signing_keys` (instance-level: no organization column). */
export type StoredSigningKey = {
  kid: string;
  alg: SigningKeysTable['alg'];
  public_jwk: Record<string, unknown>;
  private_ciphertext: string;
  retired_at: Date | null;
};

/** The active key and every key retired after `retiredAfter` (still published), newest first. */
export async function listLiveSigningKeys(
  scope: InstanceScope,
  retiredAfter: Date,
): Promise<StoredSigningKey[]> {
  return scope.db
    .selectFrom('signing_keys')
    .select(['kid', 'alg', 'public_jwk', 'private_ciphertext', 'retired_at'])
    .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', retiredAfter)]))
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * Inserts a key as the active one unless another is active already: the partial
 * unique index `signing_keys_one_active` makes a concurrent insert wait for the
 * winner's commit and then do nothing. Returns whether this key was inserted.
 */
export async function insertActiveSigningKey(
  scope: InstanceScope,
  key: Omit<StoredSigningKey, 'retired_at'>,
): Promise<boolean> {
  const result = await scope.db
    .insertInto('signing_keys')
    .values({
      ...key,
      public_jwk: sql<Record<string, unknown>>`cast(${JSON.stringify(key.public_jwk)} as jsonb)`,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Retires the active key, if any; returns its kid. */
export async function retireActiveSigningKey(scope: InstanceScope, at: Date): Promise<string | undefined> {
  const row = await scope.db
    .updateTable('signing_keys')
    .set({ retired_at: at })
    .where('retired_at', 'is', null)
    .returning('kid')
    .executeTakeFirst();
  return row?.kid;
}
