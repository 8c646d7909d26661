import { appendAuditEntry } from '../../platform/audit/index.ts';
import { issueSecret, secretLookup, verifySecret } from '../../platform/crypto/secret-hash.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { newId } from '../../platform/ids.ts';
import '../errors.ts';
import { insertMfaChallenge, lockMfaChallenge, recordMfaAttempt } from '../store/mfa-challenge-store.ts';
import { findUserById, type UserRow } from '../store/user-store.ts';
import type { ClientContext } from './request-context.ts';
import type { SessionService, SessionTokens } from './session-service.ts';

/** MFA challenge tokens: `ks_mfa_<43 base62>`, hashed at rest, minutes long. */
export const MFA_TOKEN_KIND = 'ks_mfa';
export const MFA_CHALLENGE_TTL_SECONDS = 300;
export const MFA_CHALLENGE_MAX_ATTEMPTS = 5;

export type SignInResult =
  | { status: 'signed_in'; tokens: SessionTokens }
  | { status: 'mfa_required'; mfaToken: string; expiresIn: number; methods: string[] };

/**
 * Checks the second factor inside the challenge's transaction: the amr value
 * it proves ('otp' for TOTP, 'recovery_code') or undefined when it fails.
 * The MFA module provides it (TOTP replay protection, single-use recovery codes).
 */
export type SecondFactorCheck = (scope: TenantScope, user: UserRow) => Promise<string | undefined>;

export type SignInFlow = ReturnType<typeof createSignInFlow>;

/**
 * The one door to a session. Every way of proving who you are (password,
 * emailed code, magic link, later SSO) calls `completeFirstFactor`; a user with
 * a second factor gets an MFA challenge instead of a session there, and only
 * `completeSecondFactor` turns that challenge into a session. So no path can
 * skip the second factor of a user who has one.
 */
export function createSignInFlow(deps: { database: Database; sessions: SessionService }) {
  const { database, sessions } = deps;

  return {
    async completeFirstFactor(input: {
      user: UserRow;
      /** RFC 8176 amr values of the first factor: ['pwd'], ['otp', 'email']... */
      authMethods: string[];
      client: ClientContext;
    }): Promise<SignInResult> {
      const { user, authMethods, client } = input;
      const outcome = await withInstanceTenant(database, async (scope) => {
        const created = await sessions.create(scope, { user, authMethods, client, unlessSecondFactor: true });
        if (!created) {
          // The user has a second factor: a challenge, and only completeSecondFactor makes a session.
          const secret = issueSecret(MFA_TOKEN_KIND);
          await insertMfaChallenge(scope.db, {
            id: newId('mfac'),
            user_id: user.id,
            lookup: secret.lookup,
            token_hash: secret.hash,
            auth_methods: authMethods,
            expires_at: new Date(Date.now() + MFA_CHALLENGE_TTL_SECONDS * 1000),
          });
          await appendAuditEntry(scope, {
            ...client.audit,
            actor: { type: 'user', id: user.id },
            action: 'user.mfa_challenged',
            target: { type: 'user', id: user.id },
            metadata: { methods: authMethods },
          });
          return { kind: 'mfa' as const, mfaToken: secret.plaintext };
        }
        await appendAuditEntry(scope, {
          ...client.audit,
          actor: { type: 'user', id: user.id },
          action: 'user.signed_in',
          target: { type: 'session', id: created.session.id },
          metadata: { methods: authMethods },
        });
        return { kind: 'session' as const, created };
      });
      if (outcome.kind === 'mfa') {
        return {
          status: 'mfa_required',
          mfaToken: outcome.mfaToken,
          expiresIn: MFA_CHALLENGE_TTL_SECONDS,
          methods: ['totp', 'recovery_code'],
        };
      }
      return { status: 'signed_in', tokens: await sessions.tokensFor(outcome.created, user) };
    },

    async completeSecondFactor(input: {
      mfaToken: string;
      check: SecondFactorCheck;
      client: ClientContext;
    }): Promise<SessionTokens> {
      const lookup = secretLookup(MFA_TOKEN_KIND, input.mfaToken);
      if (!lookup) throw new AppError('invalid_mfa_token');
      // Failed attempts must be recorded even though the answer is an error: decide, commit, then throw.
      const outcome = await withInstanceTenant(database, async (scope) => {
        const challenge = await lockMfaChallenge(scope.db, lookup);
        const now = new Date();
        if (
          !challenge ||
          !verifySecret(input.mfaToken, challenge.token_hash) ||
          challenge.used_at ||
          challenge.expires_at <= now ||
          challenge.attempts >= MFA_CHALLENGE_MAX_ATTEMPTS
        ) {
          return { kind: 'invalid_token' as const };
        }
        const user = await findUserById(scope.db, challenge.user_id);
        if (!user) return { kind: 'invalid_token' as const };
        const proved = await input.check(scope, user);
        await recordMfaAttempt(scope.db, challenge.id, { used: proved !== undefined, now });
        if (!proved) {
          await appendAuditEntry(scope, {
            ...input.client.audit,
            actor: { type: 'user', id: user.id },
            action: 'user.mfa_failed',
            target: { type: 'user', id: user.id },
            metadata: { attempt: challenge.attempts + 1 },
          });
          return { kind: 'wrong_code' as const };
        }
        const authMethods = [...new Set([...challenge.auth_methods, proved, 'mfa'])];
        const created = await sessions.create(scope, {
          user,
          authMethods,
          client: input.client,
          unlessSecondFactor: false,
        });
        if (!created) throw new Error('a session without the second-factor condition is always created');
        await appendAuditEntry(scope, {
          ...input.client.audit,
          actor: { type: 'user', id: user.id },
          action: 'user.signed_in',
          target: { type: 'session', id: created.session.id },
          metadata: { methods: authMethods },
        });
        return { kind: 'session' as const, created, user };
      });
      if (outcome.kind === 'invalid_token') throw new AppError('invalid_mfa_token');
      if (outcome.kind === 'wrong_code') {
        throw new AppError('invalid_mfa_code', {
          detail: 'The code is not valid; check the authenticator app',
        });
      }
      return sessions.tokensFor(outcome.created, outcome.user);
    },
  };
}
