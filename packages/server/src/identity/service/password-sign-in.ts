import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import '../errors.ts';
import { normalizeEmail } from '../engine/email-address.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import { findUserByEmail, replacePasswordHash } from '../store/user-store.ts';
import type { ClientContext } from './request-context.ts';
import type { SignInFlow, SignInResult } from './sign-in-flow.ts';

/**
 * Email + password, the first factor. An unknown address, an account without a
 * password and a wrong password take the same path: one argon2id verification
 * (against a dummy hash when there is no real one), one audit entry, the same
 * `invalid_credentials` problem. Nothing in the answer or its timing says which.
 */
export async function signInWithPassword(
  deps: { database: Database; hasher: PasswordHasher; config: Config; flow: SignInFlow },
  input: { email: string; password: string; client: ClientContext },
): Promise<SignInResult> {
  const { database, hasher, config, flow } = deps;
  const emailNormalized = normalizeEmail(input.email);
  const user = await findUserByEmail(database.kysely, emailNormalized);
  const verdict = user?.password_hash
    ? await hasher.verify(user.password_hash, input.password)
    : await hasher.verifyAgainstDummy(input.password);

  if (!user || !verdict.ok) {
    await withInstanceTenant(database, (scope) =>
      appendAuditEntry(scope, {
        ...input.client.audit,
        action: 'user.sign_in_failed',
        target: user ? { type: 'user', id: user.id } : null,
        metadata: { method: 'pwd' },
      }),
    );
    throw new AppError('invalid_credentials', { detail: 'The email or password is not correct' });
  }
  if (verdict.needsRehash) {
    // The parameters were raised since this hash was made; the password is at hand now, and only now.
    await replacePasswordHash(database.kysely, user.id, await hasher.hash(input.password));
  }
  if (config.identity.requireEmailVerification && !user.email_verified_at) {
    throw new AppError('email_not_verified', {
      detail: 'Verify your email address with the code we sent, then sign in',
    });
  }
  return flow.completeFirstFactor({ user, authMethods: ['pwd'], client: input.client });
}
