import { appendAuditEntry } from '../../../platform/audit/index.ts';
import type { EnvelopeEncryption } from '../../../platform/crypto/envelope-encryption.ts';
import type { TenantScope } from '../../../platform/db/tenant-scope.ts';
import type { ClientContext } from '../../service/request-context.ts';
import { matchesRecoveryCode } from '../engine/recovery-codes.ts';
import { checkTotp } from '../engine/totp.ts';
import {
  countUnusedRecoveryCodes,
  lockUnusedRecoveryCodes,
  markRecoveryCodeUsed,
} from '../store/recovery-code-store.ts';
import { lastUsedStepOf, lockTotp, recordTotpStep, type TotpRow } from '../store/totp-store.ts';

/** RFC 8176: a one-time password (the authenticator app's code). */
export const AMR_TOTP = 'otp';
/**
 * RFC 8176 registers nothing for recovery codes. They are one-time passwords too, but
 * printed and kept for emergencies: a relying party may want to tell such a sign-in apart
 * (prompt to set up a new authenticator), so they get their own value rather than 'otp'.
 */
export const AMR_RECOVERY_CODE = 'recovery_code';

/** What a user presents as a second factor: the app's code, or one of the recovery codes. */
export type SecondFactorProof = { kind: 'totp'; code: string } | { kind: 'recovery_code'; code: string };

/** Why a second factor is being checked (recorded with a spent recovery code). */
export type ProofPurpose = 'sign_in' | 'disable_mfa' | 'regenerate_recovery_codes';

/** The associated data the seed is encrypted under: it decrypts for this user's row only. */
export function totpSecretField(userId: string): string {
  return `user_totp.secret:${userId}`;
}

export async function decryptTotpSecret(
  scope: TenantScope,
  encryption: EnvelopeEncryption,
  row: TotpRow,
): Promise<string> {
  return encryption.decryptField(scope, {
    field: totpSecretField(row.user_id),
    ciphertext: row.secret_ciphertext,
  });
}

/**
 * Checks a second factor inside the caller's transaction and spends it: a TOTP code's
 * step becomes the last used one (the same code cannot be used again), a recovery
 * code is marked used. Returns the amr value proved, or undefined.
 */
export async function proveSecondFactor(
  scope: TenantScope,
  encryption: EnvelopeEncryption,
  input: { userId: string; proof: SecondFactorProof; purpose: ProofPurpose; client: ClientContext },
): Promise<string | undefined> {
  if (input.proof.kind === 'totp') {
    return (await spendTotpCode(scope, encryption, input)) ? AMR_TOTP : undefined;
  }
  return (await spendRecoveryCode(scope, input)) ? AMR_RECOVERY_CODE : undefined;
}

async function spendTotpCode(
  scope: TenantScope,
  encryption: EnvelopeEncryption,
  input: { userId: string; proof: SecondFactorProof; client: ClientContext },
): Promise<boolean> {
  // Locked: two requests with the same code serialize here, and the second sees the step stored.
  const row = await lockTotp(scope.db, input.userId);
  if (!row?.confirmed_at) return false;
  const secret = await decryptTotpSecret(scope, encryption, row);
  const result = checkTotp({ secret, code: input.proof.code, lastUsedStep: lastUsedStepOf(row) });
  if (result.ok) {
    await recordTotpStep(scope.db, input.userId, result.step);
    return true;
  }
  if (result.reason === 'replayed') {
    // A right code seen before: a slip, or someone who watched it being typed (phishing relays do).
    await appendAuditEntry(scope, {
      ...input.client.audit,
      actor: { type: 'user', id: input.userId },
      action: 'user.totp_replay_refused',
      target: { type: 'user', id: input.userId },
    });
  }
  return false;
}

async function spendRecoveryCode(
  scope: TenantScope,
  input: { userId: string; proof: SecondFactorProof; purpose: ProofPurpose; client: ClientContext },
): Promise<boolean> {
  const unused = await lockUnusedRecoveryCodes(scope.db, input.userId);
  // Every stored code is compared (each in constant time): which one matched takes no longer to find.
  let matched: string | undefined;
  for (const row of unused) {
    if (matchesRecoveryCode(input.proof.code, row.code_hash)) matched ??= row.id;
  }
  if (!matched) return false;
  await markRecoveryCodeUsed(scope.db, matched, new Date());
  const remaining = await countUnusedRecoveryCodes(scope.db, input.userId);
  await appendAuditEntry(scope, {
    ...input.client.audit,
    actor: { type: 'user', id: input.userId },
    action: 'user.recovery_code_used',
    target: { type: 'user', id: input.userId },
    metadata: { remaining, purpose: input.purpose },
  });
  return true;
}
