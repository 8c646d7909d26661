import type { Database } from '../db/database.ts';
import { unwrapDataKey, wrapDataKey } from './data-key-wrap.ts';
import type { KeyEncryptionKey } from './master-key.ts';

/**
 * KEK rotation: re-wraps every organization's data keys from one master key to
 * another. Ciphertexts are untouched (they name data keys, which do not change).
 *
 * Cross-tenant operator work: it runs as the owner role in one transaction.
 * Because tenant tables FORCE row-level security (the owner is held to it too,
 * unless it is a superuser), the transaction lifts FORCE on org_data_keys, does
 * its work and restores FORCE before committing; the ACCESS EXCLUSIVE lock this
 * takes also keeps servers from creating data keys mid-rotation. All or nothing:
 * any key that does not unwrap aborts the whole rotation.
 */
export type KekRotationResult = {
  /** Keys moved from the old KEK to the new one. */
  rewrapped: number;
  /** Keys already under the new KEK (a rotation that was interrupted and is being resumed). */
  alreadyRewrapped: number;
  organizations: number;
};

type KeyRow = { org_id: string; key_id: string; kek_id: string; wrapped_key: string };

export async function rewrapAllDataKeys(
  database: Pick<Database, 'ownerRunner'>,
  from: KeyEncryptionKey,
  to: KeyEncryptionKey,
): Promise<KekRotationResult> {
  if (from.id === to.id) throw new Error(`the new master key is the current one (${from.id})`);
  const runner = await database.ownerRunner();
  try {
    await runner.exec('BEGIN');
    try {
      await runner.exec('ALTER TABLE org_data_keys NO FORCE ROW LEVEL SECURITY');
      const rows = await runner.query<KeyRow>(
        'SELECT org_id, key_id, kek_id, wrapped_key FROM org_data_keys ORDER BY org_id, key_id FOR UPDATE',
      );
      const result = {
        rewrapped: 0,
        alreadyRewrapped: 0,
        organizations: new Set(rows.map((r) => r.org_id)).size,
      };
      for (const row of rows) {
        const identity = { orgId: row.org_id, keyId: row.key_id };
        if (row.kek_id === to.id && unwrapDataKey(to, identity, row.wrapped_key)) {
          result.alreadyRewrapped++;
          continue;
        }
        if (row.kek_id !== from.id) {
          throw new Error(
            `data key ${row.key_id} of ${row.org_id} is wrapped by master key ${row.kek_id}, ` +
              `neither the current one (${from.id}) nor the new one (${to.id})`,
          );
        }
        const dataKey = unwrapDataKey(from, identity, row.wrapped_key);
        if (!dataKey)
          throw new Error(`data key ${row.key_id} of ${row.org_id} does not unwrap with ${from.id}`);
        await runner.query(
          'UPDATE org_data_keys SET kek_id = $1, wrapped_key = $2 WHERE org_id = $3 AND key_id = $4',
          [to.id, wrapDataKey(to, identity, dataKey), row.org_id, row.key_id],
        );
        result.rewrapped++;
      }
      await runner.exec('ALTER TABLE org_data_keys FORCE ROW LEVEL SECURITY');
      await runner.exec('COMMIT');
      return result;
    } catch (error) {
      await runner.exec('ROLLBACK');
      throw error;
    }
  } finally {
    await runner.close();
  }
}

/** The KEK ids that wrap stored data keys (cross-tenant, as owner): used at start to refuse a wrong master key. */
export async function kekIdsInUse(database: Pick<Database, 'ownerRunner'>): Promise<string[]> {
  const runner = await database.ownerRunner();
  try {
    const rows = await runner.query<{ kek_id: string }>('SELECT DISTINCT kek_id FROM org_data_keys');
    return rows.map((r) => r.kek_id);
  } finally {
    await runner.close();
  }
}
