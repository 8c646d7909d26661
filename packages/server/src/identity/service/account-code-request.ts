import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import type { Mailer, OutgoingMail } from '../../platform/mail/mailer.ts';
import { normalizeEmail } from '../engine/email-address.ts';
import type { OneTimeCodePurpose } from '../store/tables.ts';
import { findUserByEmail } from '../store/user-store.ts';
import { ACCEPTED, type CodeRequestAnswer } from './email-verification.ts';
import { type MailLog, sendInBackground } from './emailed-proof.ts';
import { type IssuedCode, issueOneTimeCode } from './one-time-codes.ts';
import type { ClientContext } from './request-context.ts';

/**
 * "Mail me a code" for an existing account (password reset, passwordless
 * sign-in): a code and link for an address that has an account; any other
 * address gets the same answer, the same database work (one lookup, one audit
 * entry) and no mail. The mail goes out after the answer, so its time tells
 * nothing either.
 */
export async function requestAccountCode(
  deps: { database: Database; mailer: Mailer; config: Config },
  input: { email: string; client: ClientContext; log: MailLog },
  what: {
    purpose: OneTimeCodePurpose;
    /** The audit action, e.g. `user.password_reset_requested`. */
    action: string;
    mail: (config: Config, to: string, issued: IssuedCode) => OutgoingMail;
  },
): Promise<CodeRequestAnswer> {
  const emailNormalized = normalizeEmail(input.email);
  const mail = await withInstanceTenant(deps.database, async (scope) => {
    const user = await findUserByEmail(scope.db, emailNormalized);
    await appendAuditEntry(scope, {
      ...input.client.audit,
      action: what.action,
      target: user ? { type: 'user', id: user.id } : null,
      metadata: { mailed: user !== undefined },
    });
    if (!user) return undefined;
    const issued = await issueOneTimeCode(scope, { purpose: what.purpose, emailNormalized, userId: user.id });
    return what.mail(deps.config, user.email, issued);
  });
  if (mail) sendInBackground(deps.mailer, [mail], input.log);
  return ACCEPTED;
}
