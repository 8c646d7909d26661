import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import {
  listLiveSessions,
  revokeSession,
  revokeUserSessions,
  type SessionRow,
} from '../store/session-store.ts';
import type { ClientContext } from './request-context.ts';

/**
 * A user's own sessions: list, end one, end all. Revocation is a row update,
 * so a revoked session's refresh token stops working at once in every server
 * process; its access token lives out its few minutes.
 */
export async function listSessions(database: Database, userId: string): Promise<SessionRow[]> {
  return listLiveSessions(database.kysely, userId, new Date());
}

export async function endSession(
  database: Database,
  input: { userId: string; sessionId: string; reason: 'signed_out' | 'revoked'; client: ClientContext },
): Promise<void> {
  const ended = await withInstanceTenant(database, async (scope) => {
    const done = await revokeSession(scope.db, { ...input, now: new Date() });
    if (done) {
      await appendAuditEntry(scope, {
        ...input.client.audit,
        action: input.reason === 'signed_out' ? 'user.signed_out' : 'session.revoked',
        target: { type: 'session', id: input.sessionId },
      });
    }
    return done;
  });
  // Another user's session, or one already ended: the same answer, nothing learned.
  if (!ended && input.reason === 'revoked') throw new AppError('not_found', { detail: 'No such session' });
}

/** Ends every session of the user ("sign out everywhere"), or every other one. */
export async function endAllSessions(
  database: Database,
  input: { userId: string; exceptSessionId?: string; reason: string; client: ClientContext },
): Promise<string[]> {
  return withInstanceTenant(database, async (scope) => {
    const revoked = await revokeUserSessions(scope.db, {
      userId: input.userId,
      reason: input.reason,
      now: new Date(),
      ...(input.exceptSessionId ? { exceptSessionId: input.exceptSessionId } : {}),
    });
    await appendAuditEntry(scope, {
      ...input.client.audit,
      action: 'session.revoked_all',
      target: { type: 'user', id: input.userId },
      metadata: { reason: input.reason, sessions: revoked },
    });
    return revoked;
  });
}
