import { appendAuditEntry } from '../../../platform/audit/index.ts';
import type { TenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import '../../errors.ts';
import type { ClientContext } from '../../service/request-context.ts';
import type { SecondFactorProof } from './second-factor.ts';

/** The MFA settings a signed-in user may change, as the audit log names them. */
export type MfaChange = 'enable' | 'disable' | 'regenerate_recovery_codes';

/** A refused change to the user's MFA settings, recorded in the caller's transaction. */
export async function auditMfaChangeRefused(
  scope: TenantScope,
  input: { userId: string; change: MfaChange; reason: 'wrong_code' | 'stale_sign_in'; client: ClientContext },
): Promise<void> {
  await appendAuditEntry(scope, {
    ...input.client.audit,
    actor: { type: 'user', id: input.userId },
    action: 'user.mfa_change_refused',
    target: { type: 'user', id: input.userId },
    metadata: { change: input.change, reason: input.reason },
  });
}

/** The problem for a wrong code in a signed-in request (not a 401: the access token is fine). */
export function mfaCodeRejected(kind: SecondFactorProof['kind']): AppError {
  const field = kind === 'totp' ? 'code' : 'recovery_code';
  return new AppError('mfa_code_rejected', {
    detail:
      kind === 'totp'
        ? 'The code is not valid, or was already used; enter the current code from the authenticator app'
        : 'The recovery code is not valid, or was already used',
    fields: [{ field, location: 'body', message: 'is not correct' }],
  });
}

export function mfaNotEnabled(): AppError {
  return new AppError('mfa_not_enabled', {
    detail: 'This account has no confirmed authenticator; set one up with POST /v1/me/mfa/totp',
  });
}
