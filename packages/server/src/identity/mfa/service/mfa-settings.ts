import { appendAuditEntry } from '../../../platform/audit/index.ts';
import type { EnvelopeEncryption } from '../../../platform/crypto/envelope-encryption.ts';
import type { Database } from '../../../platform/db/database.ts';
import { withInstanceTenant } from '../../../platform/db/instance-tenant.ts';
import { freshSignInRequired, isFreshSignIn } from '../../service/fresh-sign-in.ts';
import type { ClientContext } from '../../service/request-context.ts';
import { userHasMfa } from '../../store/mfa-challenge-store.ts';
import { generateRecoveryCodes, hashRecoveryCode } from '../engine/recovery-codes.ts';
import {
  countUnusedRecoveryCodes,
  deleteRecoveryCodes,
  replaceRecoveryCodes,
} from '../store/recovery-code-store.ts';
import { deleteTotp, findTotp } from '../store/totp-store.ts';
import { auditMfaChangeRefused, type MfaChange, mfaCodeRejected, mfaNotEnabled } from './mfa-audit.ts';
import { proveSecondFactor, type SecondFactorProof } from './second-factor.ts';
import { RECOVERY_CODE_COUNT } from './totp-enrollment.ts';

type Deps = { database: Database; encryption: EnvelopeEncryption };
type Caller = { userId: string; sessionId: string; client: ClientContext };

export type MfaStatus = {
  totp: { enabled: boolean; confirmedAt: Date | null };
  recoveryCodesRemaining: number;
};

export async function mfaStatus(database: Database, userId: string): Promise<MfaStatus> {
  const totp = await findTotp(database.kysely, userId);
  const confirmedAt = totp?.confirmed_at ?? null;
  return {
    totp: { enabled: confirmedAt !== null, confirmedAt },
    recoveryCodesRemaining: confirmedAt ? await countUnusedRecoveryCodes(database.kysely, userId) : 0,
  };
}

/**
 * Turns MFA off: needs both a fresh sign-in and a current code (TOTP or recovery),
 * so neither a stolen older session nor a glance at the phone alone is enough.
 * The seed and every recovery code are deleted.
 */
export async function disableTotp(deps: Deps, input: Caller & { proof: SecondFactorProof }): Promise<void> {
  const { userId, client } = input;
  await requireFreshSignIn(deps, input, 'disable');
  const outcome = await withInstanceTenant(deps.database, async (scope) => {
    if (!(await userHasMfa(scope.db, userId))) return 'not_enabled' as const;
    const method = await proveSecondFactor(scope, deps.encryption, {
      userId,
      proof: input.proof,
      purpose: 'disable_mfa',
      client,
    });
    if (!method) {
      await auditMfaChangeRefused(scope, { userId, change: 'disable', reason: 'wrong_code', client });
      return 'wrong_code' as const;
    }
    await deleteTotp(scope.db, userId);
    await deleteRecoveryCodes(scope.db, userId);
    await appendAuditEntry(scope, {
      ...client.audit,
      action: 'user.mfa_disabled',
      target: { type: 'user', id: userId },
      metadata: { method: 'totp', proved_with: method },
    });
    return 'disabled' as const;
  });
  if (outcome === 'not_enabled') throw mfaNotEnabled();
  if (outcome === 'wrong_code') throw mfaCodeRejected(input.proof.kind);
}

/**
 * New recovery codes, the old ones void: with a fresh sign-in, or with a current
 * code (TOTP or recovery) from a session of any age. A code given is always checked.
 */
export async function regenerateRecoveryCodes(
  deps: Deps,
  input: Caller & { proof: SecondFactorProof | undefined },
): Promise<string[]> {
  const { userId, client, proof } = input;
  if (!proof) await requireFreshSignIn(deps, input, 'regenerate_recovery_codes');
  const codes = generateRecoveryCodes(RECOVERY_CODE_COUNT);
  const hashes = codes.map(hashRecoveryCode);
  const outcome = await withInstanceTenant(deps.database, async (scope) => {
    if (!(await userHasMfa(scope.db, userId))) return 'not_enabled' as const;
    const method = proof
      ? await proveSecondFactor(scope, deps.encryption, {
          userId,
          proof,
          purpose: 'regenerate_recovery_codes',
          client,
        })
      : 'fresh_sign_in';
    if (!method) {
      await auditMfaChangeRefused(scope, {
        userId,
        change: 'regenerate_recovery_codes',
        reason: 'wrong_code',
        client,
      });
      return 'wrong_code' as const;
    }
    await replaceRecoveryCodes(scope.db, userId, hashes);
    await appendAuditEntry(scope, {
      ...client.audit,
      action: 'user.recovery_codes_regenerated',
      target: { type: 'user', id: userId },
      metadata: { recovery_codes: codes.length, proved_with: method },
    });
    return 'regenerated' as const;
  });
  if (outcome === 'not_enabled') throw mfaNotEnabled();
  if (outcome === 'wrong_code' && proof) throw mfaCodeRejected(proof.kind);
  return codes;
}

async function requireFreshSignIn(deps: Deps, caller: Caller, change: MfaChange): Promise<void> {
  if (await isFreshSignIn(deps.database, caller)) return;
  await withInstanceTenant(deps.database, (scope) =>
    auditMfaChangeRefused(scope, {
      userId: caller.userId,
      change,
      reason: 'stale_sign_in',
      client: caller.client,
    }),
  );
  throw freshSignInRequired();
}
