import { type Selectable, sql } from 'kysely';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import type { OrgMembershipsTable } from './tables.ts';

export type MembershipRow = Selectable<OrgMembershipsTable>;

export async function insertMembership(
  scope: TenantScope,
  membership: { user_id: string; role_key: string },
): Promise<MembershipRow> {
  return scope.db
    .insertInto('org_memberships')
    .values({ org_id: scope.orgId, ...membership })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findMembership(scope: TenantScope, userId: string): Promise<MembershipRow | undefined> {
  return scope.db
    .selectFrom('org_memberships')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The membership, locked until the transaction ends (role changes and removals serialize on it). */
export async function lockMembership(scope: TenantScope, userId: string): Promise<MembershipRow | undefined> {
  return scope.db
    .selectFrom('org_memberships')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * The owners, locked: "is this the last owner?" must not race another removal
 * (two owners each removing the other would otherwise leave none).
 */
export async function lockOwners(scope: TenantScope): Promise<string[]> {
  const rows = await scope.db
    .selectFrom('org_memberships')
    .select('user_id')
    .where('org_id', '=', scope.orgId)
    .where('role_key', '=', 'owner')
    .orderBy('user_id')
    .forUpdate()
    .execute();
  return rows.map((row) => row.user_id);
}

export async function setMemberRole(
  scope: TenantScope,
  userId: string,
  roleKey: string,
): Promise<MembershipRow | undefined> {
  return scope.db
    .updateTable('org_memberships')
    .set({ role_key: roleKey, updated_at: new Date() })
    .where('org_id', '=', scope.orgId)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteMembership(scope: TenantScope, userId: string): Promise<boolean> {
  const result = await scope.db
    .deleteFrom('org_memberships')
    .where('org_id', '=', scope.orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Members in join order, after a cursor, optionally only the given users. Join times are
 * compared at millisecond precision, what a cursor (a JS Date) can carry, so no page repeats a row.
 */
export async function listMemberships(
  scope: TenantScope,
  options: { after?: { createdAt: Date; userId: string } | undefined; limit: number; userIds?: string[] },
): Promise<MembershipRow[]> {
  const joinedMs = sql`date_trunc('milliseconds', created_at)`;
  let query = scope.db
    .selectFrom('org_memberships')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .orderBy(joinedMs)
    .orderBy('user_id')
    .limit(options.limit);
  const after = options.after;
  if (after) {
    query = query.where(
      sql<boolean>`(${joinedMs}, user_id) > (${after.createdAt.toISOString()}::timestamptz, ${after.userId})`,
    );
  }
  if (options.userIds) {
    if (options.userIds.length === 0) return [];
    query = query.where('user_id', 'in', options.userIds);
  }
  return query.execute();
}

export async function countMembersWithRole(scope: TenantScope, roleKey: string): Promise<number> {
  const row = await scope.db
    .selectFrom('org_memberships')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('org_id', '=', scope.orgId)
    .where('role_key', '=', roleKey)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Every member's user id (member search filters profiles, which live in identity). */
export async function listMemberUserIds(scope: TenantScope): Promise<string[]> {
  const rows = await scope.db
    .selectFrom('org_memberships')
    .select('user_id')
    .where('org_id', '=', scope.orgId)
    .execute();
  return rows.map((row) => row.user_id);
}
