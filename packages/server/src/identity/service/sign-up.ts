import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { newId } from '../../platform/ids.ts';
import type { Mailer, OutgoingMail } from '../../platform/mail/mailer.ts';
import { normalizeEmail } from '../engine/email-address.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import { assertAcceptablePassword } from '../passwords/password-policy.ts';
import { findUserByEmail, insertUser, type UserRow, updateUser } from '../store/user-store.ts';
import { existingAccountMail, verificationMail } from './identity-mail.ts';
import { issueOneTimeCode } from './one-time-codes.ts';
import type { ClientContext } from './request-context.ts';

/** The one answer sign-up gives, whether or not the address already had an account. */
export type SignUpAnswer = { status: 'accepted'; next: 'verify_email' | 'sign_in' };

/**
 * Sign-up that does not tell an attacker which addresses have accounts: a new
 * address gets an account and a verification mail; an address that has one
 * gets a "someone tried to sign up" mail. Both hash the password (the same
 * work), both send one mail, both answer the same thing. The caller signs in
 * next, as the answer says.
 */
export async function signUp(
  deps: { database: Database; hasher: PasswordHasher; mailer: Mailer; config: Config },
  input: { email: string; password: string; name?: string | undefined; client: ClientContext },
): Promise<SignUpAnswer> {
  const { database, hasher, mailer, config } = deps;
  assertAcceptablePassword(input.password, { email: input.email, name: input.name });
  const emailNormalized = normalizeEmail(input.email);
  const passwordHash = await hasher.hash(input.password);
  const mail = await withInstanceTenant(database, async (scope): Promise<OutgoingMail> => {
    const existing = await findUserByEmail(scope.db, emailNormalized);
    const created = existing
      ? undefined
      : await insertUser(scope.db, {
          id: newId('user'),
          email: input.email.trim(),
          email_normalized: emailNormalized,
          name: input.name?.trim() || null,
          password_hash: passwordHash,
        });
    if (!created) {
      const owner = existing ?? (await findUserByEmail(scope.db, emailNormalized));
      await appendAuditEntry(scope, {
        ...input.client.audit,
        action: 'user.sign_up_existing_email',
        target: owner ? { type: 'user', id: owner.id } : null,
      });
      return existingAccountMail(owner?.email ?? input.email.trim());
    }
    const issued = await issueOneTimeCode(scope, {
      purpose: 'email_verification',
      emailNormalized,
      userId: created.id,
    });
    await appendAuditEntry(scope, {
      ...input.client.audit,
      actor: { type: 'user', id: created.id },
      action: 'user.signed_up',
      target: { type: 'user', id: created.id },
    });
    return verificationMail(config, created.email, issued);
  });
  // After the commit: on PGlite the outbox shares the one connection the transaction held.
  await mailer.send(mail);
  return { status: 'accepted', next: config.identity.requireEmailVerification ? 'verify_email' : 'sign_in' };
}

/** What a sign-up with an already proven address did: made the account, or found one. */
export type ProvenSignUpResult = { status: 'created'; user: UserRow } | { status: 'exists' };

/**
 * Sign-up whose address another module has already proven (an organization
 * invitation's token arrived in that mailbox): the account is created verified,
 * no verification mail is sent, and the caller signs the user in through the
 * sign-in flow. When the address has an account, nothing changes and the caller
 * is told so: whoever holds the proof can read that mailbox, which already learns
 * it from identity's own mails (sign-up and password reset), so nothing leaks
 * that the mailbox's owner could not learn. The same work is done either way.
 */
export async function signUpWithProvenEmail(
  deps: { database: Database; hasher: PasswordHasher },
  input: {
    email: string;
    password: string;
    name?: string | undefined;
    provenBy: string;
    client: ClientContext;
  },
): Promise<ProvenSignUpResult> {
  const { database, hasher } = deps;
  assertAcceptablePassword(input.password, { email: input.email, name: input.name });
  const emailNormalized = normalizeEmail(input.email);
  const passwordHash = await hasher.hash(input.password);
  return withInstanceTenant(database, async (scope): Promise<ProvenSignUpResult> => {
    const created = await insertUser(scope.db, {
      id: newId('user'),
      email: input.email.trim(),
      email_normalized: emailNormalized,
      name: input.name?.trim() || null,
      password_hash: passwordHash,
    });
    if (!created) {
      const owner = await findUserByEmail(scope.db, emailNormalized);
      await appendAuditEntry(scope, {
        ...input.client.audit,
        action: 'user.sign_up_existing_email',
        target: owner ? { type: 'user', id: owner.id } : null,
        metadata: { proven_by: input.provenBy },
      });
      return { status: 'exists' };
    }
    const verified = await updateUser(scope.db, created.id, { email_verified_at: new Date() });
    await appendAuditEntry(scope, {
      ...input.client.audit,
      actor: { type: 'user', id: created.id },
      action: 'user.signed_up',
      target: { type: 'user', id: created.id },
      metadata: { email_proven_by: input.provenBy },
    });
    return { status: 'created', user: verified ?? created };
  });
}
