import { useKeystone } from '../core/keystone-context.ts';
import { useResource } from '../organizations/use-resource.ts';

export type UsePermissions = {
  /** The caller's permissions in the organization (empty while loading or when not a member). */
  permissions: string[];
  /** The caller's role there, as a list (one role per membership today). */
  roles: string[];
  hasPermission(permission: string): boolean;
  hasRole(role: string): boolean;
  hasAnyPermission(permissions: string[]): boolean;
  hasAllPermissions(permissions: string[]): boolean;
  isOwner: boolean;
  /** An admin or an owner (an owner can do everything an admin can). */
  isAdmin: boolean;
  isLoading: boolean;
  error: unknown;
};

/** What the signed-in user may do in the active organization (or `orgId`), from members/me/permissions. */
export function usePermissions(orgId?: string | null): UsePermissions {
  const { client, session } = useKeystone();
  const id = orgId === undefined ? session.activeOrganizationId : orgId;
  const resource = useResource(id ? `permissions:${id}` : null, async () => {
    const { data } = await client.GET('/v1/organizations/{orgId}/members/me/permissions', {
      params: { path: { orgId: id as string } },
    });
    return data ?? { role: null, permissions: [] };
  });
  const permissions = resource.data?.permissions ?? [];
  const role = resource.data?.role ?? null;
  const has = (permission: string) => permissions.includes(permission);
  return {
    permissions,
    roles: role ? [role] : [],
    hasPermission: has,
    hasRole: (wanted) => role === wanted,
    hasAnyPermission: (wanted) => wanted.some(has),
    hasAllPermissions: (wanted) => wanted.every(has),
    isOwner: role === 'owner',
    isAdmin: role === 'owner' || role === 'admin',
    isLoading: resource.isLoading,
    error: resource.error,
  };
}
