import { type Selectable, sql } from 'kysely';
import type { Executor } from './executor.ts';
import { confirmedSecondFactorOf } from './mfa-challenge-store.ts';
import type { RefreshTokenRow } from './refresh-token-store.ts';
import type { SessionsTable } from './tables.ts';

export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(
  db: Executor,
  session: Pick<
    SessionRow,
    'id' | 'user_id' | 'auth_methods' | 'active_org_id' | 'ip' | 'user_agent' | 'expires_at'
  >,
): Promise<SessionRow> {
  return db.insertInto('sessions').values(session).returningAll().executeTakeFirstOrThrow();
}

export type NewSession = Pick<
  SessionRow,
  'id' | 'user_id' | 'auth_methods' | 'active_org_id' | 'ip' | 'user_agent' | 'expires_at'
>;

/**
 * A session and its first refresh token, in one statement. With `unlessSecondFactor`
 * nothing is written when the user has a confirmed second factor (undefined is
 * answered; the caller issues an MFA challenge instead): the check and both inserts
 * are one round trip, on the path every sign-in takes.
 */
export async function insertSessionWithRefreshToken(
  db: Executor,
  input: {
    session: NewSession;
    refreshToken: Pick<RefreshTokenRow, 'id' | 'lookup' | 'token_hash'>;
    unlessSecondFactor: boolean;
  },
): Promise<SessionRow | undefined> {
  const { session: s, refreshToken: rt } = input;
  const condition = input.unlessSecondFactor
    ? sql`WHERE NOT EXISTS (${confirmedSecondFactorOf(s.user_id)})`
    : sql``;
  const result = await sql<SessionRow>`
    WITH session AS (
      INSERT INTO sessions (id, user_id, auth_methods, active_org_id, ip, user_agent, expires_at)
      SELECT ${s.id}, ${s.user_id}, ${s.auth_methods}::text[], ${s.active_org_id}::text, ${s.ip}::text,
             ${s.user_agent}::text, ${s.expires_at}::timestamptz
      ${condition}
      RETURNING *
    ), refresh_token AS (
      INSERT INTO refresh_tokens (id, session_id, lookup, token_hash)
      SELECT ${rt.id}, session.id, ${rt.lookup}, ${rt.token_hash} FROM session
    )
    SELECT * FROM session`.execute(db);
  return result.rows[0];
}

/** The session row, locked for the rest of the transaction (refresh serializes on it). */
export async function lockSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listLiveSessions(db: Executor, userId: string, now: Date): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_active_at', 'desc')
    .execute();
}

export async function touchSession(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_active_at: now }).where('id', '=', id).execute();
}

/** Sets (or clears) the organization a session's access tokens name by default. */
export async function setActiveOrganization(db: Executor, id: string, orgId: string | null): Promise<void> {
  await db.updateTable('sessions').set({ active_org_id: orgId }).where('id', '=', id).execute();
}

/** Revokes one session of a user; returns whether a live one was revoked. */
export async function revokeSession(
  db: Executor,
  input: { userId: string; sessionId: string; reason: string; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: input.now, revoked_reason: input.reason })
    .where('id', '=', input.sessionId)
    .where('user_id', '=', input.userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every live session of a user except, optionally, one; returns the revoked ids. */
export async function revokeUserSessions(
  db: Executor,
  input: { userId: string; reason: string; now: Date; exceptSessionId?: string },
): Promise<string[]> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: input.now, revoked_reason: input.reason })
    .where('user_id', '=', input.userId)
    .where('revoked_at', 'is', null);
  if (input.exceptSessionId) query = query.where('id', '!=', input.exceptSessionId);
  const rows = await query.returning('id').execute();
  return rows.map((row) => row.id);
}
