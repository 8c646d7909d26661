import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Mailer, OutgoingMail } from '../../platform/mail/mailer.ts';
import '../errors.ts';
import { normalizeEmail } from '../engine/email-address.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import { findUserByEmail, findUserById, type UserRow, updateUser } from '../store/user-store.ts';
import { ACCEPTED, type CodeRequestAnswer } from './email-verification.ts';
import {
  type EmailedProof,
  invalidCode,
  type MailLog,
  redeemEmailedProof,
  sendInBackground,
} from './emailed-proof.ts';
import { freshSignInRequired, isFreshSignIn } from './fresh-sign-in.ts';
import { emailChangeMail, emailChangeRequestedMail, emailChangeTakenMail } from './identity-mail.ts';
import { issueOneTimeCode } from './one-time-codes.ts';
import type { ClientContext } from './request-context.ts';

/**
 * Moving an account to another address, in two steps: the signed-in user asks
 * (with their password, or a fresh sign-in when the account has none), the new
 * address confirms with the code or link mailed to it. The current address is
 * told at once, so a hijacked session's change does not go unnoticed.
 *
 * An address that already has an account gets exactly the same treatment seen
 * from the requester (same answer, a code issued and the old one voided, the
 * same two mails) except that its mail is a notice instead of the code: so the
 * change can never be confirmed, and the requester learns nothing.
 */
export async function requestEmailChange(
  deps: { database: Database; hasher: PasswordHasher; mailer: Mailer; config: Config },
  input: {
    userId: string;
    sessionId: string;
    newEmail: string;
    password: string | undefined;
    client: ClientContext;
    log: MailLog;
  },
): Promise<CodeRequestAnswer> {
  const { database, config } = deps;
  const user = await findUserById(database.kysely, input.userId);
  if (!user) throw new AppError('unauthenticated', { detail: 'This account no longer exists' });
  await reauthenticate(deps, user, input);
  const newEmail = input.newEmail.trim();
  const newNormalized = normalizeEmail(newEmail);
  if (newNormalized === user.email_normalized) {
    throw new AppError('validation_failed', {
      detail: 'The new email address is the current one',
      fields: [{ field: 'new_email', location: 'body', message: 'is already the account’s address' }],
    });
  }
  const mails = await withInstanceTenant(database, async (scope): Promise<OutgoingMail[]> => {
    const owner = await findUserByEmail(scope.db, newNormalized);
    // Keyed by the current address: a new request replaces an open one.
    const issued = await issueOneTimeCode(scope, {
      purpose: 'email_change',
      emailNormalized: user.email_normalized,
      userId: user.id,
      newEmail,
    });
    await appendAuditEntry(scope, {
      ...input.client.audit,
      action: 'user.email_change_requested',
      target: { type: 'user', id: user.id },
      metadata: { new_address_free: owner === undefined },
    });
    return [
      owner ? emailChangeTakenMail(owner.email) : emailChangeMail(config, newEmail, issued),
      emailChangeRequestedMail(user.email, newEmail),
    ];
  });
  sendInBackground(deps.mailer, mails, input.log);
  return ACCEPTED;
}

/** The password when the account has one; else a sign-in from the last minutes. */
async function reauthenticate(
  deps: { database: Database; hasher: PasswordHasher },
  user: UserRow,
  input: { sessionId: string; password: string | undefined; client: ClientContext },
): Promise<void> {
  if (!user.password_hash) {
    if (!(await isFreshSignIn(deps.database, { userId: user.id, sessionId: input.sessionId }))) {
      throw freshSignInRequired();
    }
    return;
  }
  if (input.password === undefined) {
    throw new AppError('validation_failed', {
      detail: 'This account has a password: send it to change the email address',
      fields: [{ field: 'password', location: 'body', message: 'is required for this account' }],
    });
  }
  const verdict = await deps.hasher.verify(user.password_hash, input.password);
  if (verdict.ok) return;
  await withInstanceTenant(deps.database, (scope) =>
    appendAuditEntry(scope, {
      ...input.client.audit,
      action: 'user.email_change_failed',
      target: { type: 'user', id: user.id },
      metadata: { reason: 'wrong_password' },
    }),
  );
  throw new AppError('invalid_credentials', { detail: 'The password is not correct' });
}

/**
 * Confirms a change with the code (the signed-in user, `userId`) or the link's
 * token (alone: it proves the new inbox, and the request was authenticated).
 * The new address is verified by this very proof.
 */
export async function confirmEmailChange(
  database: Database,
  input: { userId?: string; proof: { code: string } | { token: string }; client: ClientContext },
): Promise<UserRow> {
  let proof: EmailedProof;
  if ('code' in input.proof) {
    const current = input.userId ? await findUserById(database.kysely, input.userId) : undefined;
    if (!current) throw new AppError('unauthenticated', { detail: 'This account no longer exists' });
    proof = { email: current.email, code: input.proof.code };
  } else {
    proof = input.proof;
  }
  const outcome = await withInstanceTenant(database, async (scope) => {
    const proved = await redeemEmailedProof(scope, 'email_change', proof);
    const mine = proved.ok && (input.userId === undefined || proved.user.id === input.userId);
    const newEmail = proved.ok ? proved.row.new_email : null;
    const owner = newEmail ? await findUserByEmail(scope.db, normalizeEmail(newEmail)) : undefined;
    const taken = owner !== undefined && owner.id !== (proved.ok ? proved.user.id : undefined);
    if (!proved.ok || !mine || !newEmail || taken) {
      const userId = proved.ok ? proved.user.id : proved.userId;
      await appendAuditEntry(scope, {
        ...input.client.audit,
        action: 'user.email_change_failed',
        target: userId ? { type: 'user', id: userId } : null,
        metadata: { reason: taken ? 'email_taken' : 'invalid_code', method: proved.method },
      });
      return taken ? ('taken' as const) : undefined;
    }
    const updated = await changeAddress(scope.db, proved.user.id, newEmail);
    await appendAuditEntry(scope, {
      ...input.client.audit,
      actor: { type: 'user', id: proved.user.id },
      action: 'user.email_changed',
      target: { type: 'user', id: proved.user.id },
      metadata: { method: proved.method },
    });
    return updated;
  });
  if (outcome === 'taken') throw emailTaken();
  if (!outcome) throw invalidCode();
  return outcome;
}

const UNIQUE_VIOLATION = '23505';

/** The update; a concurrent sign-up that took the address first makes it fail (and roll back). */
async function changeAddress(
  db: Parameters<typeof updateUser>[0],
  userId: string,
  email: string,
): Promise<UserRow> {
  try {
    const updated = await updateUser(db, userId, {
      email,
      email_normalized: normalizeEmail(email),
      email_verified_at: new Date(),
    });
    if (!updated) throw new AppError('unauthenticated', { detail: 'This account no longer exists' });
    return updated;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) throw emailTaken();
    throw error;
  }
}

function emailTaken(): AppError {
  return new AppError('email_taken', {
    detail: 'The new email address belongs to another account now; choose another one',
  });
}
