import { deleteIdempotencyRecordsOfScopes } from '../../platform/idempotency/idempotency-erasure.ts';
import { normalizeEmail } from '../engine/email-address.ts';
import type { Executor } from '../store/executor.ts';

/**
 * The address an erased account is left with: unique per user, in the reserved
 * `.invalid` top-level domain (RFC 2606), so it can never receive mail or match a
 * real address, and the original address is free to sign up anew.
 */
export function tombstoneEmail(userId: string): string {
  return `erased+${userId.toLowerCase()}@invalid`;
}

export function isErasedAccount(user: { id: string; email_normalized: string }): boolean {
  return user.email_normalized === tombstoneEmail(user.id);
}

/**
 * Step one of an erasure, in the caller's transaction: nothing can sign in as
 * the user any more. Email lookups stop finding the account (its normalized
 * address becomes the tombstone, while `email` keeps the original for the
 * erasers), the password goes, sessions end, and every code, challenge and
 * second factor that could start or finish a sign-in is deleted. Idempotent.
 * Returns the original address, or undefined when there is no such user.
 */
export async function lockOutAccount(db: Executor, userId: string, now: Date): Promise<string | undefined> {
  const user = await db
    .selectFrom('users')
    .select(['email', 'email_normalized'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (!user) return undefined;
  const tombstone = tombstoneEmail(userId);
  // Codes sent to the address before the account was found by it no more (sign-up, reset, sign-in).
  const addresses = [...new Set([user.email_normalized, normalizeEmail(user.email)])].filter(
    (address) => address !== tombstone,
  );
  await db
    .updateTable('users')
    .set({ email_normalized: tombstone, password_hash: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
  await db
    .updateTable('sessions')
    .set({ revoked_at: now, revoked_reason: 'erased' })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  const sessionIds = db.selectFrom('sessions').select('id').where('user_id', '=', userId);
  await db.deleteFrom('refresh_tokens').where('session_id', 'in', sessionIds).execute();
  await db.deleteFrom('mfa_challenges').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  let codes = db.deleteFrom('one_time_codes').where('user_id', '=', userId);
  if (addresses.length > 0) {
    codes = db
      .deleteFrom('one_time_codes')
      .where((eb) => eb.or([eb('user_id', '=', userId), eb('email_normalized', 'in', addresses)]));
  }
  await codes.execute();
  return user.email;
}

/**
 * The last step: what is left of the account becomes a tombstone. The row (and
 * its id, the pseudonymous actor of audit entries) stays; its address, name and
 * every session (with the idempotency records kept for them) go. Idempotent.
 */
export async function eraseAccountRecord(db: Executor, userId: string, now: Date): Promise<void> {
  const tombstone = tombstoneEmail(userId);
  await db
    .updateTable('users')
    .set({
      email: tombstone,
      email_normalized: tombstone,
      email_verified_at: null,
      name: null,
      password_hash: null,
      password_changed_at: null,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
  const sessions = await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  await deleteIdempotencyRecordsOfScopes(
    db,
    sessions.map((session) => session.id),
  );
  // Refresh tokens go with their sessions (ON DELETE CASCADE).
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db.deleteFrom('one_time_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('mfa_challenges').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
}

/** Sessions that name an erased organization as their active one forget it. */
export async function forgetActiveOrganization(db: Executor, orgId: string): Promise<void> {
  await db.updateTable('sessions').set({ active_org_id: null }).where('active_org_id', '=', orgId).execute();
}
