import type { IdentityService } from '../../identity/index.ts';
import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Database } from '../../platform/db/database.ts';
import { type TenantScope, withTenant } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { decodeMemberCursor, encodeMemberCursor } from '../engine/member-cursor.ts';
import { isBuiltInRole, permissionsOfRole } from '../engine/permissions.ts';
import { leavesNoOwner, mayAssignRole } from '../engine/role-rules.ts';
import { listAppPermissions } from '../store/app-permission-store.ts';
import {
  deleteMembership,
  insertMembership,
  listMemberships,
  listMemberUserIds,
  lockMembership,
  lockOwners,
  setMemberRole,
} from '../store/membership-store.ts';
import { findCustomRole } from '../store/role-store.ts';
import type { OrgAccess } from './org-access.ts';

const FOREIGN_KEY_VIOLATION = '23503';
const UNIQUE_VIOLATION = '23505';

export type MemberView = { userId: string; email: string; name: string | null; role: string; joinedAt: Date };

/** Members of an organization: list and search, add (operators), change role, remove, leave. */
export function createMembers(deps: { database: Database; identity: IdentityService }) {
  const { database, identity } = deps;

  /** The role's permissions in this organization; unknown_role when it is neither built in nor custom. */
  async function permissionsForAssignment(scope: TenantScope, roleKey: string): Promise<string[]> {
    const custom = isBuiltInRole(roleKey) ? undefined : await findCustomRole(scope, roleKey);
    if (!isBuiltInRole(roleKey) && !custom) {
      throw new AppError('unknown_role', {
        detail: `${roleKey} is neither a built-in role nor one of this organization’s`,
      });
    }
    const appPermissions = (await listAppPermissions(scope.db)).map((row) => row.key);
    return permissionsOfRole(roleKey, { customRolePermissions: custom?.permissions, appPermissions });
  }

  function grantorOf(access: OrgAccess) {
    return {
      role: access.role,
      permissions: access.permissions,
      isOperator: access.principal.kind === 'operator',
    };
  }

  async function audit(
    scope: TenantScope,
    context: RequestAuditContext,
    action: string,
    userId: string,
    metadata = {},
  ) {
    await appendAuditEntry(scope, { ...context, action, target: { type: 'user', id: userId }, metadata });
  }

  return {
    /** A page of members in join order; `q` matches email or name (case-insensitive). */
    async list(input: { orgId: string; cursor?: string | undefined; limit: number; q?: string | undefined }) {
      const after = input.cursor === undefined ? undefined : decodeMemberCursor(input.cursor);
      if (input.cursor !== undefined && !after) {
        throw new AppError('validation_failed', {
          detail: 'cursor is not valid',
          fields: [{ field: 'cursor', location: 'query', message: 'is not a cursor from this list' }],
        });
      }
      let userIds: string[] | undefined;
      if (input.q) {
        // Profiles live in identity: fetch this org's members' profiles and match them here.
        // Never inside a tenant transaction: PGlite has one session, another query there would wait forever.
        const needle = input.q.toLowerCase();
        const memberIds = await withTenant(database, input.orgId, listMemberUserIds);
        userIds = (await identity.publicProfiles(memberIds))
          .filter(
            (p) => p.email.toLowerCase().includes(needle) || (p.name ?? '').toLowerCase().includes(needle),
          )
          .map((p) => p.id);
      }
      const rows = await withTenant(database, input.orgId, (scope) =>
        listMemberships(scope, { after, limit: input.limit + 1, ...(userIds ? { userIds } : {}) }),
      );
      const page = rows.slice(0, input.limit);
      const profiles = new Map(
        (await identity.publicProfiles(page.map((row) => row.user_id))).map((p) => [p.id, p]),
      );
      const last = page.at(-1);
      return {
        members: page.map(
          (row): MemberView => ({
            userId: row.user_id,
            email: profiles.get(row.user_id)?.email ?? '',
            name: profiles.get(row.user_id)?.name ?? null,
            role: row.role_key,
            joinedAt: row.created_at,
          }),
        ),
        nextCursor:
          rows.length > input.limit && last
            ? encodeMemberCursor({ createdAt: last.created_at, userId: last.user_id })
            : null,
      };
    },

    /** Operators (and backends acting as them) add an existing user directly; invitations are the usual way. */
    async add(input: { orgId: string; userId: string; role: string; audit: RequestAuditContext }) {
      try {
        return await withTenant(database, input.orgId, async (scope) => {
          await permissionsForAssignment(scope, input.role);
          const row = await insertMembership(scope, { user_id: input.userId, role_key: input.role });
          await audit(scope, input.audit, 'member.added', input.userId, { role: input.role });
          return row;
        });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === FOREIGN_KEY_VIOLATION) throw new AppError('not_found', { detail: 'No such user' });
        if (code === UNIQUE_VIOLATION)
          throw new AppError('conflict', { detail: 'This user is a member already' });
        throw error;
      }
    },

    async changeRole(input: { access: OrgAccess; userId: string; role: string; audit: RequestAuditContext }) {
      const orgId = input.access.organization.org_id;
      return withTenant(database, orgId, async (scope) => {
        const owners = await lockOwners(scope);
        const member = await lockMembership(scope, input.userId);
        if (!member) throw new AppError('not_found', { detail: 'No such member' });
        const toPermissions = await permissionsForAssignment(scope, input.role);
        const verdict = mayAssignRole(grantorOf(input.access), {
          fromRole: member.role_key,
          toRole: input.role,
          toPermissions,
        });
        if (!verdict.ok) throw new AppError('forbidden', { detail: verdict.reason });
        if (input.role !== 'owner' && leavesNoOwner(owners, input.userId)) throw lastOwner();
        const updated = await setMemberRole(scope, input.userId, input.role);
        await audit(scope, input.audit, 'member.role_changed', input.userId, {
          from: member.role_key,
          to: input.role,
        });
        return updated ?? member;
      });
    },

    /** Removing someone else (members:remove; an owner only by an owner); leaving is `leave`. */
    async remove(input: { access: OrgAccess; userId: string; audit: RequestAuditContext }) {
      const orgId = input.access.organization.org_id;
      await withTenant(database, orgId, async (scope) => {
        const owners = await lockOwners(scope);
        const member = await lockMembership(scope, input.userId);
        if (!member) throw new AppError('not_found', { detail: 'No such member' });
        const grantor = grantorOf(input.access);
        if (member.role_key === 'owner' && !grantor.isOperator && grantor.role !== 'owner') {
          throw new AppError('forbidden', { detail: 'Only an owner may remove an owner' });
        }
        if (leavesNoOwner(owners, input.userId)) throw lastOwner();
        await deleteMembership(scope, input.userId);
        await audit(scope, input.audit, 'member.removed', input.userId, { role: member.role_key });
      });
    },

    async leave(input: { orgId: string; userId: string; audit: RequestAuditContext }) {
      await withTenant(database, input.orgId, async (scope) => {
        const owners = await lockOwners(scope);
        const member = await lockMembership(scope, input.userId);
        if (!member) throw new AppError('not_a_member');
        if (leavesNoOwner(owners, input.userId)) throw lastOwner();
        await deleteMembership(scope, input.userId);
        await audit(scope, input.audit, 'member.left', input.userId, { role: member.role_key });
      });
    },
  };
}

function lastOwner(): AppError {
  return new AppError('last_owner', {
    detail:
      'This is the organization’s last owner: make another member owner first, or delete the organization',
  });
}
