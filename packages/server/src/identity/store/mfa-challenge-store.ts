import type { Selectable } from 'kysely';
import type { Executor } from './executor.ts';
import type { MfaChallengesTable } from './tables.ts';

export type MfaChallengeRow = Selectable<MfaChallengesTable>;

/** Whether the user has a confirmed second factor (TOTP today; WebAuthn could join it). */
export async function userHasMfa(db: Executor, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_totp')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertMfaChallenge(
  db: Executor,
  challenge: Pick<
    MfaChallengeRow,
    'id' | 'user_id' | 'lookup' | 'token_hash' | 'auth_methods' | 'expires_at'
  >,
): Promise<void> {
  await db.insertInto('mfa_challenges').values(challenge).execute();
}

export async function lockMfaChallenge(db: Executor, lookup: string): Promise<MfaChallengeRow | undefined> {
  return db
    .selectFrom('mfa_challenges')
    .selectAll()
    .where('lookup', '=', lookup)
    .forUpdate()
    .executeTakeFirst();
}

export async function recordMfaAttempt(
  db: Executor,
  id: string,
  outcome: { used: boolean; now: Date },
): Promise<void> {
  await db
    .updateTable('mfa_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), ...(outcome.used ? { used_at: outcome.now } : {}) }))
    .where('id', '=', id)
    .execute();
}

/** Ends a user's open MFA challenges: a first factor proved with an old password must not finish later. */
export async function voidOpenMfaChallenges(db: Executor, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('mfa_challenges')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
