import { appendAuditEntry } from '../../../platform/audit/index.ts';
import type { EnvelopeEncryption } from '../../../platform/crypto/envelope-encryption.ts';
import type { Database } from '../../../platform/db/database.ts';
import { withInstanceTenant } from '../../../platform/db/instance-tenant.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import '../../errors.ts';
import { freshSignInRequired, isFreshSignIn } from '../../service/fresh-sign-in.ts';
import type { ClientContext } from '../../service/request-context.ts';
import type { UserRow } from '../../store/user-store.ts';
import { generateRecoveryCodes, hashRecoveryCode } from '../engine/recovery-codes.ts';
import { checkTotp, generateTotpSecret, totpQrCode, totpUri } from '../engine/totp.ts';
import { replaceRecoveryCodes } from '../store/recovery-code-store.ts';
import { lastUsedStepOf, lockTotp, markTotpConfirmed, upsertPendingTotp } from '../store/totp-store.ts';
import { auditMfaChangeRefused, mfaCodeRejected, mfaNotEnabled } from './mfa-audit.ts';
import { decryptTotpSecret, totpSecretField } from './second-factor.ts';

/** The issuer authenticator apps show above the account. */
export const TOTP_ISSUER = 'Keystone';
export const RECOVERY_CODE_COUNT = 10;

export type TotpEnrollment = { secret: string; uri: string; qrSvg: string; qrDataUrl: string };

type Deps = { database: Database; encryption: EnvelopeEncryption };

/**
 * Step one (needs a sign-in from the last few minutes): a new seed, stored encrypted and unconfirmed (replacing an earlier
 * unconfirmed one), shown once to be scanned. Sign-in does not ask for it until
 * the user proves, with a code, that the app holds it.
 */
export async function startTotpEnrollment(
  deps: Deps,
  input: { user: UserRow; sessionId: string; client: ClientContext },
): Promise<TotpEnrollment> {
  const { user, client } = input;
  // A stolen older session must not be able to put the thief's authenticator on the account.
  if (!(await isFreshSignIn(deps.database, { userId: user.id, sessionId: input.sessionId }))) {
    throw freshSignInRequired();
  }
  const secret = generateTotpSecret();
  const started = await withInstanceTenant(deps.database, async (scope) => {
    const secretCiphertext = await deps.encryption.encryptField(scope, {
      field: totpSecretField(user.id),
      value: secret,
    });
    if (!(await upsertPendingTotp(scope.db, { userId: user.id, secretCiphertext }))) return false;
    await appendAuditEntry(scope, {
      ...client.audit,
      action: 'user.mfa_enrollment_started',
      target: { type: 'user', id: user.id },
      metadata: { method: 'totp' },
    });
    return true;
  });
  if (!started) {
    throw new AppError('mfa_already_enabled', {
      detail: 'An authenticator is already set up; turn it off first (DELETE /v1/me/mfa/totp) to replace it',
    });
  }
  const uri = totpUri({ secret, account: user.email, issuer: TOTP_ISSUER });
  const qr = await totpQrCode(uri);
  return { secret, uri, qrSvg: qr.svg, qrDataUrl: qr.dataUrl };
}

/**
 * Step two: a code from the app turns MFA on and yields the recovery codes, in
 * clear this once (only their hashes are kept; earlier ones are void). The code's
 * step is stored as used, so the same code cannot then finish a sign-in.
 */
export async function confirmTotpEnrollment(
  deps: Deps,
  input: { userId: string; code: string; client: ClientContext },
): Promise<string[]> {
  const { userId, client } = input;
  const codes = generateRecoveryCodes(RECOVERY_CODE_COUNT);
  const hashes = codes.map(hashRecoveryCode);
  // A wrong code is audited: decide, commit, then throw.
  const outcome = await withInstanceTenant(deps.database, async (scope) => {
    const row = await lockTotp(scope.db, userId);
    if (!row) return 'not_enrolled' as const;
    if (row.confirmed_at) return 'already_enabled' as const;
    const secret = await decryptTotpSecret(scope, deps.encryption, row);
    const result = checkTotp({ secret, code: input.code, lastUsedStep: lastUsedStepOf(row) });
    if (!result.ok) {
      await auditMfaChangeRefused(scope, { userId, change: 'enable', reason: 'wrong_code', client });
      return 'wrong_code' as const;
    }
    await markTotpConfirmed(scope.db, { userId, step: result.step, now: new Date() });
    await replaceRecoveryCodes(scope.db, userId, hashes);
    await appendAuditEntry(scope, {
      ...client.audit,
      action: 'user.mfa_enabled',
      target: { type: 'user', id: userId },
      metadata: { method: 'totp', recovery_codes: codes.length },
    });
    return 'enabled' as const;
  });
  if (outcome === 'not_enrolled') throw mfaNotEnabled();
  if (outcome === 'already_enabled') {
    throw new AppError('mfa_already_enabled', { detail: 'The authenticator is already confirmed' });
  }
  if (outcome === 'wrong_code') throw mfaCodeRejected('totp');
  return codes;
}
