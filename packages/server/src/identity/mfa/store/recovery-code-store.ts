import type { Selectable } from 'kysely';
import { newId } from '../../../platform/ids.ts';
import type { Executor } from '../../store/executor.ts';
import type { UserRecoveryCodesTable } from '../../store/tables.ts';

export type RecoveryCodeRow = Selectable<UserRecoveryCodesTable>;

/** Voids every code of the user (used or not) and stores the new hashes. */
export async function replaceRecoveryCodes(db: Executor, userId: string, hashes: string[]): Promise<void> {
  await deleteRecoveryCodes(db, userId);
  if (hashes.length === 0) return;
  await db
    .insertInto('user_recovery_codes')
    .values(hashes.map((code_hash) => ({ id: newId('rcode'), user_id: userId, code_hash })))
    .execute();
}

/** The unused codes, locked: two requests cannot spend the same code. */
export async function lockUnusedRecoveryCodes(db: Executor, userId: string): Promise<RecoveryCodeRow[]> {
  return db
    .selectFrom('user_recovery_codes')
    .selectAll()
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function markRecoveryCodeUsed(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('user_recovery_codes').set({ used_at: now }).where('id', '=', id).execute();
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('user_recovery_codes')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteRecoveryCodes(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
}
