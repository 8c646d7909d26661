import type { Selectable } from 'kysely';
import type { Executor } from './executor.ts';
import type { UsersTable } from './tables.ts';

export type UserRow = Selectable<UsersTable>;

export async function findUserByEmail(db: Executor, emailNormalized: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email_normalized', '=', emailNormalized)
    .executeTakeFirst();
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What other modules may show of a user (a member list): never credentials or timestamps. */
export type PublicProfile = { id: string; email: string; name: string | null };

export async function findPublicProfiles(db: Executor, ids: readonly string[]): Promise<PublicProfile[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Inserts a user; returns undefined when the email is already taken (a concurrent sign-up). */
export async function insertUser(
  db: Executor,
  user: {
    id: string;
    email: string;
    email_normalized: string;
    name: string | null;
    password_hash: string | null;
  },
): Promise<UserRow | undefined> {
  return db
    .insertInto('users')
    .values({ ...user, password_changed_at: user.password_hash ? new Date() : null })
    .onConflict((oc) => oc.column('email_normalized').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateUser(
  db: Executor,
  id: string,
  changes: Partial<Pick<UserRow, 'name' | 'email' | 'email_normalized' | 'email_verified_at'>>,
): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function setPasswordHash(db: Executor, id: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Re-hashing with new parameters is not a password change: password_changed_at stays. */
export async function replacePasswordHash(db: Executor, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}
