import { type Selectable, sql } from 'kysely';
import type { Executor } from './executor.ts';
import type { MfaChallengesTable } from './tables.ts';

export type MfaChallengeRow = Selectable<MfaChallengesTable>;

/** What counts as a confirmed second factor (TOTP today; WebAuthn could join it), as a subquery. */
export function confirmedSecondFactorOf(userId: string) {
  return sql`SELECT 1 FROM user_totp WHERE user_id = ${userId} AND confirmed_at IS NOT NULL`;
}

/** Whether the user has a confirmed second factor. */
export async function userHasMfa(db: Executor, userId: string): Promise<boolean> {
  const result = await sql<{
    has: boolean;
  }>`SELECT EXISTS (${confirmedSecondFactorOf(userId)}) AS has`.execute(db);
  return result.rows[0]?.has === true;
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
