import type { Selectable } from 'kysely';
import type { Executor } from './executor.ts';
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
