import type { Selectable } from 'kysely';
import type { Executor } from '../../store/executor.ts';
import type { UserTotpTable } from '../../store/tables.ts';

export type TotpRow = Selectable<UserTotpTable>;

/** The last accepted time step; bigint columns may come back as strings. */
export function lastUsedStepOf(row: TotpRow): number | null {
  return row.last_used_step === null ? null : Number(row.last_used_step);
}

export async function findTotp(db: Executor, userId: string): Promise<TotpRow | undefined> {
  return db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** The user's TOTP row, locked: checks and step updates of one user run one at a time (replay). */
export async function lockTotp(db: Executor, userId: string): Promise<TotpRow | undefined> {
  return db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).forUpdate().executeTakeFirst();
}

/**
 * Creates or replaces the user's unconfirmed enrollment in one statement; returns
 * false, changing nothing, when the user already has a confirmed one.
 */
export async function upsertPendingTotp(
  db: Executor,
  input: { userId: string; secretCiphertext: string },
): Promise<boolean> {
  const row = await db
    .insertInto('user_totp')
    .values({ user_id: input.userId, secret_ciphertext: input.secretCiphertext })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({
          secret_ciphertext: input.secretCiphertext,
          confirmed_at: null,
          last_used_step: null,
          created_at: new Date(),
        })
        .where('user_totp.confirmed_at', 'is', null),
    )
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markTotpConfirmed(
  db: Executor,
  input: { userId: string; step: number; now: Date },
): Promise<void> {
  await db
    .updateTable('user_totp')
    .set({ confirmed_at: input.now, last_used_step: input.step })
    .where('user_id', '=', input.userId)
    .execute();
}

export async function recordTotpStep(db: Executor, userId: string, step: number): Promise<void> {
  await db.updateTable('user_totp').set({ last_used_step: step }).where('user_id', '=', userId).execute();
}

export async function deleteTotp(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
}
