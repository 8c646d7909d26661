import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import '../errors.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import { assertAcceptablePassword } from '../passwords/password-policy.ts';
import { voidOpenMfaChallenges } from '../store/mfa-challenge-store.ts';
import { revokeUserSessions } from '../store/session-store.ts';
import { findUserById, setPasswordHash } from '../store/user-store.ts';
import type { ClientContext } from './request-context.ts';

/**
 * A signed-in user changes their password, proving the current one. Every
 * other session of the user ends (a device that had the old password is out);
 * the one making the change stays. An account without a password sets one with
 * the reset flow: here it fails like a wrong password.
 */
export async function changePassword(
  deps: { database: Database; hasher: PasswordHasher },
  input: {
    userId: string;
    sessionId: string;
    currentPassword: string;
    newPassword: string;
    client: ClientContext;
  },
): Promise<void> {
  const { database, hasher } = deps;
  const user = await findUserById(database.kysely, input.userId);
  if (!user) throw new AppError('unauthenticated', { detail: 'This account no longer exists' });
  const verdict = user.password_hash
    ? await hasher.verify(user.password_hash, input.currentPassword)
    : await hasher.verifyAgainstDummy(input.currentPassword);
  if (!verdict.ok) {
    await withInstanceTenant(database, (scope) =>
      appendAuditEntry(scope, {
        ...input.client.audit,
        action: 'user.password_change_failed',
        target: { type: 'user', id: user.id },
      }),
    );
    throw new AppError('invalid_credentials', { detail: 'The current password is not correct' });
  }
  assertAcceptablePassword(input.newPassword, { email: user.email, name: user.name ?? undefined });
  const passwordHash = await hasher.hash(input.newPassword);
  await withInstanceTenant(database, async (scope) => {
    await setPasswordHash(scope.db, user.id, passwordHash);
    const ended = await revokeUserSessions(scope.db, {
      userId: user.id,
      reason: 'password_changed',
      now: new Date(),
      exceptSessionId: input.sessionId,
    });
    await voidOpenMfaChallenges(scope.db, user.id, new Date());
    await appendAuditEntry(scope, {
      ...input.client.audit,
      action: 'user.password_changed',
      target: { type: 'user', id: user.id },
      metadata: { ended_sessions: ended },
    });
  });
}
