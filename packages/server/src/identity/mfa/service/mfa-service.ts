import type { EnvelopeEncryption } from '../../../platform/crypto/envelope-encryption.ts';
import type { Database } from '../../../platform/db/database.ts';
import type { ClientContext } from '../../service/request-context.ts';
import type { SessionTokens } from '../../service/session-service.ts';
import type { SignInFlow } from '../../service/sign-in-flow.ts';
import type { UserRow } from '../../store/user-store.ts';
import { disableTotp, mfaStatus, regenerateRecoveryCodes } from './mfa-settings.ts';
import { proveSecondFactor, type SecondFactorProof } from './second-factor.ts';
import { confirmTotpEnrollment, startTotpEnrollment } from './totp-enrollment.ts';

export type MfaService = ReturnType<typeof createMfaService>;

/** TOTP and recovery codes: enrollment, the second sign-in step, and the user's settings. */
export function createMfaService(deps: {
  database: Database;
  encryption: EnvelopeEncryption;
  flow: SignInFlow;
}) {
  const { database, encryption, flow } = deps;
  type Caller = { userId: string; sessionId: string; client: ClientContext };
  return {
    startTotpEnrollment: (input: { user: UserRow; sessionId: string; client: ClientContext }) =>
      startTotpEnrollment({ database, encryption }, input),
    confirmTotp: (input: { userId: string; code: string; client: ClientContext }) =>
      confirmTotpEnrollment({ database, encryption }, input),
    disableTotp: (input: Caller & { proof: SecondFactorProof }) =>
      disableTotp({ database, encryption }, input),
    regenerateRecoveryCodes: (input: Caller & { proof: SecondFactorProof | undefined }) =>
      regenerateRecoveryCodes({ database, encryption }, input),
    status: (userId: string) => mfaStatus(database, userId),

    /** The second sign-in step: the challenge from the first factor and a code become a session. */
    verify(input: {
      mfaToken: string;
      proof: SecondFactorProof;
      client: ClientContext;
    }): Promise<SessionTokens> {
      return flow.completeSecondFactor({
        mfaToken: input.mfaToken,
        client: input.client,
        check: (scope, user) =>
          proveSecondFactor(scope, encryption, {
            userId: user.id,
            proof: input.proof,
            purpose: 'sign_in',
            client: input.client,
          }),
      });
    },
  };
}
