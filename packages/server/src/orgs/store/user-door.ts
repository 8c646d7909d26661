import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { OrganizationRow } from './organization-store.ts';

/**
 * The user door (migration 0010): a transaction with `keystone.user_id` set and
 * no organization bound sees that user's own memberships and the organizations
 * they belong to, across tenants, and nothing else.
 */
export type UserDoor = { readonly userId: string; readonly db: Transaction<DB> };

export async function withUserDoor<T>(
  database: Pick<Database, 'kysely'>,
  userId: string,
  work: (door: UserDoor) => Promise<T>,
): Promise<T> {
  if (!userId) throw new Error('withUserDoor needs a user id');
  return database.kysely.transaction().execute(async (trx) => {
    await sql`SELECT set_config('keystone.user_id', ${userId}, true)`.execute(trx);
    return work({ userId, db: trx });
  });
}

export type OwnMembership = { organization: OrganizationRow; roleKey: string; joinedAt: Date };

/** The user's organizations with their role in each, oldest membership first. */
export async function listOwnMemberships(door: UserDoor): Promise<OwnMembership[]> {
  const rows = await door.db
    .selectFrom('org_memberships as m')
    .innerJoin('organizations as o', 'o.org_id', 'm.org_id')
    .selectAll('o')
    .select(['m.role_key', 'm.created_at as joined_at'])
    .where('m.user_id', '=', door.userId)
    .orderBy('m.created_at')
    .orderBy('m.org_id')
    .execute();
  return rows.map(({ role_key, joined_at, ...organization }) => ({
    organization,
    roleKey: role_key,
    joinedAt: joined_at,
  }));
}
