import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Database } from '../../platform/db/database.ts';
import { type TenantScope, withTenant } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { BUILT_IN_ROLES, isBuiltInRole, knownPermissions, permissionsOfRole } from '../engine/permissions.ts';
import { listAppPermissions } from '../store/app-permission-store.ts';
import { countMembersWithRole } from '../store/membership-store.ts';
import {
  type CustomRoleRow,
  deleteCustomRole,
  insertCustomRole,
  listCustomRoles,
  updateCustomRole,
} from '../store/role-store.ts';
import type { OrgAccess } from './org-access.ts';

export type RoleView = {
  key: string;
  name: string;
  description: string | null;
  permissions: string[];
  builtIn: boolean;
};

/** Custom roles of an organization, from any known permissions; built-in roles are listed, never changed. */
export function createRoles(database: Database) {
  /** Known permissions only, and none the caller lacks (operators excepted): no escalation by role editing. */
  async function checkPermissions(
    scope: TenantScope,
    access: OrgAccess,
    permissions: string[],
  ): Promise<void> {
    const known = knownPermissions((await listAppPermissions(scope.db)).map((row) => row.key));
    const unknown = permissions.filter((permission) => !known.includes(permission));
    if (unknown.length > 0) {
      throw new AppError('unknown_permission', {
        detail: `Not built in nor declared by the instance: ${unknown.join(', ')}`,
      });
    }
    if (access.principal.kind === 'operator') return;
    const missing = permissions.filter((permission) => !access.permissions.includes(permission));
    if (missing.length > 0) {
      throw new AppError('forbidden', {
        detail: `You cannot grant permissions you do not hold: ${missing.join(', ')}`,
      });
    }
  }

  const custom = (row: CustomRoleRow): RoleView => ({
    key: row.key,
    name: row.name,
    description: row.description,
    permissions: row.permissions,
    builtIn: false,
  });

  const orgOf = (access: OrgAccess) => access.organization.org_id;
  const roleTarget = (key: string) => ({ type: 'role', id: key });

  return {
    async list(orgId: string): Promise<RoleView[]> {
      return withTenant(database, orgId, async (scope) => {
        const appPermissions = (await listAppPermissions(scope.db)).map((row) => row.key);
        const builtIn = Object.entries(BUILT_IN_ROLES).map(
          ([key, role]): RoleView => ({
            key,
            name: role.name,
            description: null,
            permissions: permissionsOfRole(key, { appPermissions }),
            builtIn: true,
          }),
        );
        return [...builtIn, ...(await listCustomRoles(scope)).map(custom)];
      });
    },

    async create(input: {
      access: OrgAccess;
      role: { key: string; name: string; description: string | null; permissions: string[] };
      audit: RequestAuditContext;
    }): Promise<RoleView> {
      if (isBuiltInRole(input.role.key)) throw roleExists(input.role.key);
      return withTenant(database, orgOf(input.access), async (scope) => {
        await checkPermissions(scope, input.access, input.role.permissions);
        const row = await insertCustomRole(scope, {
          ...input.role,
          permissions: unique(input.role.permissions),
        });
        if (!row) throw roleExists(input.role.key);
        await appendAuditEntry(scope, {
          ...input.audit,
          action: 'role.created',
          target: roleTarget(row.key),
          metadata: { permissions: row.permissions },
        });
        return custom(row);
      });
    },

    async update(input: {
      access: OrgAccess;
      key: string;
      changes: {
        name?: string | undefined;
        description?: string | null | undefined;
        permissions?: string[] | undefined;
      };
      audit: RequestAuditContext;
    }): Promise<RoleView> {
      if (isBuiltInRole(input.key)) throw builtInUnchangeable();
      return withTenant(database, orgOf(input.access), async (scope) => {
        const { name, description, permissions } = input.changes;
        if (permissions) await checkPermissions(scope, input.access, permissions);
        const row = await updateCustomRole(scope, input.key, {
          ...(name !== undefined ? { name } : {}),
          ...(description !== undefined ? { description } : {}),
          ...(permissions !== undefined ? { permissions: unique(permissions) } : {}),
        });
        if (!row) throw new AppError('not_found', { detail: 'No such custom role' });
        await appendAuditEntry(scope, {
          ...input.audit,
          action: 'role.updated',
          target: roleTarget(row.key),
          metadata: { permissions: row.permissions },
        });
        return custom(row);
      });
    },

    async delete(input: { access: OrgAccess; key: string; audit: RequestAuditContext }): Promise<void> {
      if (isBuiltInRole(input.key)) throw builtInUnchangeable();
      await withTenant(database, orgOf(input.access), async (scope) => {
        if ((await countMembersWithRole(scope, input.key)) > 0) {
          throw new AppError('role_in_use', { detail: 'Give the members with this role another role first' });
        }
        if (!(await deleteCustomRole(scope, input.key))) {
          throw new AppError('not_found', { detail: 'No such custom role' });
        }
        await appendAuditEntry(scope, {
          ...input.audit,
          action: 'role.deleted',
          target: roleTarget(input.key),
        });
      });
    },
  };
}

const unique = (values: string[]) => [...new Set(values)];

function roleExists(key: string): AppError {
  return new AppError('role_exists', { detail: `A role with the key ${key} exists already` });
}

function builtInUnchangeable(): AppError {
  return new AppError('forbidden', { detail: 'Built-in roles cannot be changed or deleted' });
}
