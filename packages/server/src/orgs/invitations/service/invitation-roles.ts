import type { TenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { BUILT_IN_ROLES, isBuiltInRole, permissionsOfRole } from '../../engine/permissions.ts';
import { mayAssignRole } from '../../engine/role-rules.ts';
import type { OrgAccess } from '../../service/org-access.ts';
import { listAppPermissions } from '../../store/app-permission-store.ts';
import { findCustomRole } from '../../store/role-store.ts';

export type InvitedRole = { key: string; name: string; permissions: string[] };

/** A role of the organization (built in or custom) with its name and permissions; unknown_role otherwise. */
export async function invitedRole(scope: TenantScope, roleKey: string): Promise<InvitedRole> {
  const custom = isBuiltInRole(roleKey) ? undefined : await findCustomRole(scope, roleKey);
  if (!isBuiltInRole(roleKey) && !custom) {
    throw new AppError('unknown_role', {
      detail: `${roleKey} is neither a built-in role nor one of this organization’s`,
    });
  }
  const appPermissions = (await listAppPermissions(scope.db)).map((row) => row.key);
  return {
    key: roleKey,
    name: isBuiltInRole(roleKey) ? BUILT_IN_ROLES[roleKey].name : (custom?.name ?? roleKey),
    permissions: permissionsOfRole(roleKey, { customRolePermissions: custom?.permissions, appPermissions }),
  };
}

/**
 * Inviting (or re-sending an invitation) hands out a role, so the rule of role
 * changes applies (engine/role-rules.ts): only an owner (or an operator) invites
 * an owner, and no one invites with a permission they do not hold themselves,
 * so an admin cannot invite an owner nor a custom role holding `org:delete`.
 */
export function assertMayInviteAs(access: OrgAccess, role: InvitedRole): void {
  const verdict = mayAssignRole(
    {
      role: access.role,
      permissions: access.permissions,
      isOperator: access.principal.kind === 'operator',
    },
    { fromRole: null, toRole: role.key, toPermissions: role.permissions },
  );
  if (!verdict.ok) throw new AppError('forbidden', { detail: verdict.reason });
}
