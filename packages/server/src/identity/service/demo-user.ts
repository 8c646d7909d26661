import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { newId } from '../../platform/ids.ts';
import { normalizeEmail } from '../engine/email-address.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import { findUserByEmail, insertUser, updateUser } from '../store/user-store.ts';

/**
 * The demo account of `npm start` (KEYSTONE_DEMO_DATA): a verified user to sign
 * in with at once. The password is fixed and printed in the start banner; it is
 * demo data, like the operator key shown there, and off with KEYSTONE_DEMO_DATA=false.
 */
export const DEMO_USER = { email: 'demo@keystone.localhost', password: 'try-keystone-locally' } as const;

export type DemoUser = { id: string; email: string; password: string };

/** Creates the demo user when absent (never resets one that exists); returns its credentials. */
export async function seedDemoUser(database: Database, hasher: PasswordHasher): Promise<DemoUser> {
  const emailNormalized = normalizeEmail(DEMO_USER.email);
  const existing = await findUserByEmail(database.kysely, emailNormalized);
  if (existing) return { id: existing.id, ...DEMO_USER };
  const passwordHash = await hasher.hash(DEMO_USER.password);
  await withInstanceTenant(database, async (scope) => {
    // Two servers starting together on one database: the second insert does nothing.
    const created = await insertUser(scope.db, {
      id: newId('user'),
      email: DEMO_USER.email,
      email_normalized: emailNormalized,
      name: 'Demo User',
      password_hash: passwordHash,
    });
    if (!created) return;
    await updateUser(scope.db, created.id, { email_verified_at: new Date() });
    await appendAuditEntry(scope, {
      actor: { type: 'system', id: null },
      action: 'user.created',
      target: { type: 'user', id: created.id },
      metadata: { source: 'demo_data' },
    });
  });
  // Re-read: a second server starting at the same moment may have created it.
  const user = await findUserByEmail(database.kysely, emailNormalized);
  if (!user) throw new Error('the demo user could not be created');
  return { id: user.id, ...DEMO_USER };
}
