import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { normalizeEmail } from '../engine/email-address.ts';
import { findUserByEmail, type UserRow, updateUser } from '../store/user-store.ts';
import {
  type EmailedProof,
  invalidCode,
  type MailLog,
  redeemEmailedProof,
  sendInBackground,
} from './emailed-proof.ts';
import { verificationMail } from './identity-mail.ts';
import { issueOneTimeCode } from './one-time-codes.ts';
import type { ClientContext } from './request-context.ts';

/** The one answer of every route that mails a code: the same whether or not the address has an account. */
export type CodeRequestAnswer = { status: 'accepted' };
export const ACCEPTED: CodeRequestAnswer = Object.freeze({ status: 'accepted' });

/** Proves the address with the code from the sign-up (or resent) mail, or its link. */
export async function verifyEmail(
  database: Database,
  input: { proof: EmailedProof; client: ClientContext },
): Promise<UserRow> {
  const verified = await withInstanceTenant(database, async (scope) => {
    const proved = await redeemEmailedProof(scope, 'email_verification', input.proof);
    if (!proved.ok) {
      await appendAuditEntry(scope, {
        ...input.client.audit,
        action: 'user.email_verification_failed',
        target: proved.userId ? { type: 'user', id: proved.userId } : null,
        metadata: { method: proved.method },
      });
      return undefined;
    }
    return markEmailVerified(scope, proved.user, { client: input.client, via: proved.method });
  });
  // After the commit: the wrong guess is counted even though the answer is an error.
  if (!verified) throw invalidCode();
  return verified;
}

/**
 * Sets email_verified_at (once) and audits it. Also for the flows whose code
 * proves the inbox as well: password reset and sign-in by email.
 */
export async function markEmailVerified(
  scope: TenantScope,
  user: UserRow,
  input: { client: ClientContext; via: string },
): Promise<UserRow> {
  if (user.email_verified_at) return user;
  const updated = (await updateUser(scope.db, user.id, { email_verified_at: new Date() })) ?? user;
  await appendAuditEntry(scope, {
    ...input.client.audit,
    actor: { type: 'user', id: user.id },
    action: 'user.email_verified',
    target: { type: 'user', id: user.id },
    metadata: { via: input.via },
  });
  return updated;
}

/**
 * A new verification code, for an account that exists and is not verified yet.
 * Any other address gets the same answer and the same database work (lookup and
 * audit entry) and no mail; mail goes out after the answer (sendInBackground).
 */
export async function resendVerification(
  deps: { database: Database; mailer: Mailer; config: Config },
  input: { email: string; client: ClientContext; log: MailLog },
): Promise<CodeRequestAnswer> {
  const emailNormalized = normalizeEmail(input.email);
  const mail = await withInstanceTenant(deps.database, async (scope) => {
    const user = await findUserByEmail(scope.db, emailNormalized);
    const due = user !== undefined && user.email_verified_at === null;
    await appendAuditEntry(scope, {
      ...input.client.audit,
      action: 'user.email_verification_requested',
      target: user ? { type: 'user', id: user.id } : null,
      metadata: { mailed: due },
    });
    if (!user || !due) return undefined;
    const issued = await issueOneTimeCode(scope, {
      purpose: 'email_verification',
      emailNormalized,
      userId: user.id,
    });
    return verificationMail(deps.config, user.email, issued);
  });
  if (mail) sendInBackground(deps.mailer, [mail], input.log);
  return ACCEPTED;
}
