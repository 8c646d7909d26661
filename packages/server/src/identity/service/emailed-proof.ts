import type { FastifyBaseLogger } from 'fastify';
import { secretLookup, verifySecret } from '../../platform/crypto/secret-hash.ts';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Mailer, OutgoingMail } from '../../platform/mail/mailer.ts';
import '../errors.ts';
import { normalizeEmail } from '../engine/email-address.ts';
import type { Executor } from '../store/executor.ts';
import { findCodeByLinkLookup, type OneTimeCodeRow } from '../store/one-time-code-store.ts';
import type { OneTimeCodePurpose } from '../store/tables.ts';
import { findUserByEmail, findUserById, type UserRow } from '../store/user-store.ts';
import { LINK_TOKEN_KIND, redeemLinkToken, redeemOneTimeCode } from './one-time-codes.ts';

/**
 * What a person proves an inbox with: the 6-digit code typed with the address
 * it was sent to, or the token of the emailed link.
 */
export type EmailedProof = { email: string; code: string } | { token: string };

export type ProofOutcome =
  | { ok: true; row: OneTimeCodeRow; user: UserRow; method: 'code' | 'link' }
  | { ok: false; userId: string | null; method: 'code' | 'link' };

/**
 * Redeems a proof inside the caller's instance transaction. A right proof uses
 * the code up; a wrong code counts against it (5 and it is void), so the caller
 * must let the transaction commit and only then throw `invalidCode()`.
 *
 * A proof is only good for the address it was sent to: when the account's
 * address changed since, it fails (the old inbox proves nothing now).
 */
export async function redeemEmailedProof(
  scope: TenantScope,
  purpose: OneTimeCodePurpose,
  proof: EmailedProof,
): Promise<ProofOutcome> {
  if ('token' in proof) {
    const row = await redeemLinkToken(scope, { purpose, token: proof.token });
    const user = row?.user_id ? await findUserById(scope.db, row.user_id) : undefined;
    if (!row || !user || user.email_normalized !== row.email_normalized) {
      return { ok: false, userId: user?.id ?? null, method: 'link' };
    }
    return { ok: true, row, user, method: 'link' };
  }
  const emailNormalized = normalizeEmail(proof.email);
  const row = await redeemOneTimeCode(scope, { purpose, emailNormalized, code: proof.code });
  const user = row?.user_id
    ? await findUserById(scope.db, row.user_id)
    : await findUserByEmail(scope.db, emailNormalized);
  if (!row || !user || user.email_normalized !== row.email_normalized) {
    return { ok: false, userId: user?.id ?? null, method: 'code' };
  }
  return { ok: true, row, user, method: 'code' };
}

/**
 * The open code behind a link token, without using it up: what the page a link
 * opens shows (mail scanners follow links; only the page's POST redeems).
 */
export async function peekLinkToken(
  db: Executor,
  purpose: OneTimeCodePurpose,
  token: string,
): Promise<{ row: OneTimeCodeRow; user: UserRow } | undefined> {
  const lookup = secretLookup(LINK_TOKEN_KIND, token);
  if (!lookup) return undefined;
  const row = await findCodeByLinkLookup(db, lookup);
  if (!row?.link_hash || !verifySecret(token, row.link_hash)) return undefined;
  if (row.purpose !== purpose || row.used_at || row.expires_at <= new Date() || !row.user_id)
    return undefined;
  const user = await findUserById(db, row.user_id);
  if (!user || user.email_normalized !== row.email_normalized) return undefined;
  return { row, user };
}

/** The one answer to every wrong, expired, used or replaced code or link. */
export function invalidCode(): AppError {
  return new AppError('invalid_code', {
    detail: 'The code or link is not valid: it is wrong, expired or used. Request a new one',
  });
}

export type MailLog = Pick<FastifyBaseLogger, 'error'>;

/**
 * Sends after the answer, not before it. The routes that mail a code answer the
 * same for known and unknown addresses; awaiting the SMTP round trip only for
 * known ones would tell them apart by time. A mail that fails is logged (the
 * person asks again, as for a mail lost on the way).
 */
export function sendInBackground(mailer: Mailer, mails: OutgoingMail[], log: MailLog): void {
  for (const mail of mails) {
    mailer.send(mail).catch((error: unknown) => {
      log.error({ err: error }, 'identity mail could not be sent');
    });
  }
}
