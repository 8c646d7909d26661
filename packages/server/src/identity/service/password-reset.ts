import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import { assertAcceptablePassword } from '../passwords/password-policy.ts';
import { voidOpenMfaChallenges } from '../store/mfa-challenge-store.ts';
import { revokeUserSessions } from '../store/session-store.ts';
import { setPasswordHash } from '../store/user-store.ts';
import { requestAccountCode } from './account-code-request.ts';
import { type CodeRequestAnswer, markEmailVerified } from './email-verification.ts';
import { type EmailedProof, invalidCode, type MailLog, redeemEmailedProof } from './emailed-proof.ts';
import { passwordResetMail } from './identity-mail.ts';
import type { ClientContext } from './request-context.ts';

/**
 * "Forgot password": a code (and link) to the address, for any account that
 * has it; every other address gets the same answer, the same database work and
 * no mail (which goes out after the answer, so its time tells nothing either).
 */
export function requestPasswordReset(
  deps: { database: Database; mailer: Mailer; config: Config },
  input: { email: string; client: ClientContext; log: MailLog },
): Promise<CodeRequestAnswer> {
  return requestAccountCode(deps, input, {
    purpose: 'password_reset',
    action: 'user.password_reset_requested',
    mail: passwordResetMail,
  });
}

/**
 * Sets the new password with the emailed code or link, and ends every session
 * of the user: whoever knew the old password (the reason to reset, often) is
 * out. It does not sign in; the person signs in with the new password next.
 * The code proved the inbox, so an unverified address is verified too.
 */
export async function confirmPasswordReset(
  deps: { database: Database; hasher: PasswordHasher },
  input: { proof: EmailedProof; newPassword: string; client: ClientContext },
): Promise<void> {
  // The policy first, so a rejected password never costs the code.
  assertAcceptablePassword(input.newPassword, 'email' in input.proof ? { email: input.proof.email } : {});
  // Hashed before the transaction: argon2 would hold the code's row lock (and PGlite's one connection).
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const done = await withInstanceTenant(deps.database, async (scope) => {
    const proved = await redeemEmailedProof(scope, 'password_reset', input.proof);
    if (!proved.ok) {
      await appendAuditEntry(scope, {
        ...input.client.audit,
        action: 'user.password_reset_failed',
        target: proved.userId ? { type: 'user', id: proved.userId } : null,
        metadata: { method: proved.method },
      });
      return false;
    }
    const { user } = proved;
    // Now with the account's name too. Throwing here rolls back: the code stays usable.
    assertAcceptablePassword(input.newPassword, { email: user.email, name: user.name ?? undefined });
    await setPasswordHash(scope.db, user.id, passwordHash);
    await markEmailVerified(scope, user, { client: input.client, via: 'password_reset' });
    const ended = await revokeUserSessions(scope.db, {
      userId: user.id,
      reason: 'password_reset',
      now: new Date(),
    });
    await voidOpenMfaChallenges(scope.db, user.id, new Date());
    await appendAuditEntry(scope, {
      ...input.client.audit,
      actor: { type: 'user', id: user.id },
      action: 'user.password_reset',
      target: { type: 'user', id: user.id },
      metadata: { method: proved.method, ended_sessions: ended },
    });
    return true;
  });
  if (!done) throw invalidCode();
}
