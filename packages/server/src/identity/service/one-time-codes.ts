import { issueSecret, secretLookup, verifySecret } from '../../platform/crypto/secret-hash.ts';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { newId } from '../../platform/ids.ts';
import { generateNumericCode, hashOneTimeCode, matchesOneTimeCode } from '../passwords/one-time-code.ts';
import {
  insertOneTimeCode,
  lockCodeByLinkLookup,
  lockOpenCode,
  markCodeUsed,
  type OneTimeCodeRow,
  recordWrongGuess,
  voidOpenCodes,
} from '../store/one-time-code-store.ts';
import type { OneTimeCodePurpose } from '../store/tables.ts';

/**
 * Emailed one-time codes and links (verification, reset, passwordless sign-in,
 * email change): 6 digits and/or a 256-bit link token, stored hashed, valid 10
 * minutes, single use, 5 wrong guesses and the code is void. Issuing a new
 * code voids the open ones for the same purpose and address.
 *
 * The functions run inside the caller's instance transaction; a wrong guess is
 * recorded there, so the caller must let that transaction commit before it
 * answers with an error (return an outcome, throw after).
 */
export const CODE_TTL_SECONDS = 600;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_DIGITS = 6;
export const LINK_TOKEN_KIND = 'ks_link';

export type IssuedCode = { code: string; linkToken: string; expiresIn: number };

export async function issueOneTimeCode(
  scope: TenantScope,
  input: { purpose: OneTimeCodePurpose; emailNormalized: string; userId: string | null; newEmail?: string },
): Promise<IssuedCode> {
  const now = new Date();
  await voidOpenCodes(scope.db, { purpose: input.purpose, emailNormalized: input.emailNormalized, now });
  const id = newId('otc');
  const code = generateNumericCode(CODE_DIGITS);
  const link = issueSecret(LINK_TOKEN_KIND);
  await insertOneTimeCode(scope.db, {
    id,
    purpose: input.purpose,
    user_id: input.userId,
    email_normalized: input.emailNormalized,
    new_email: input.newEmail ?? null,
    code_hash: hashOneTimeCode(code, id),
    link_lookup: link.lookup,
    link_hash: link.hash,
    expires_at: new Date(now.getTime() + CODE_TTL_SECONDS * 1000),
  });
  return { code, linkToken: link.plaintext, expiresIn: CODE_TTL_SECONDS };
}

/** The code's row when `code` is right (and it is then used up); undefined otherwise. */
export async function redeemOneTimeCode(
  scope: TenantScope,
  input: { purpose: OneTimeCodePurpose; emailNormalized: string; code: string },
): Promise<OneTimeCodeRow | undefined> {
  const now = new Date();
  const row = await lockOpenCode(scope.db, {
    purpose: input.purpose,
    emailNormalized: input.emailNormalized,
    now,
  });
  if (!row || row.attempts >= row.max_attempts) return undefined;
  if (!matchesOneTimeCode(input.code, row.id, row.code_hash)) {
    await recordWrongGuess(scope.db, row, now);
    return undefined;
  }
  await markCodeUsed(scope.db, row.id, now);
  return row;
}

/** The row of an emailed link's token when it is open and of `purpose` (and it is then used up). */
export async function redeemLinkToken(
  scope: TenantScope,
  input: { purpose: OneTimeCodePurpose; token: string },
): Promise<OneTimeCodeRow | undefined> {
  const lookup = secretLookup(LINK_TOKEN_KIND, input.token);
  if (!lookup) return undefined;
  const now = new Date();
  const row = await lockCodeByLinkLookup(scope.db, lookup);
  if (!row?.link_hash || !verifySecret(input.token, row.link_hash)) return undefined;
  if (row.purpose !== input.purpose || row.used_at || row.expires_at <= now) return undefined;
  await markCodeUsed(scope.db, row.id, now);
  return row;
}
