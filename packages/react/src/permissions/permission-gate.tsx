import type { ReactNode } from 'react';
import { usePermissions } from './use-permissions.ts';

export type PermissionGateProps = {
  permission: string | string[];
  /** With several permissions: all of them (true) or any one (false, the default). */
  requireAll?: boolean;
  /** Check in this organization (default: the active one). */
  orgId?: string;
  /** Shown when the permission is missing (or cannot be checked); nothing by default. */
  fallback?: ReactNode;
  /** Shown while the permissions load; nothing by default. */
  loading?: ReactNode;
  children: ReactNode;
};

/**
 * Renders its children only when the signed-in user holds the permission(s) in the organization.
 * This hides controls; the server still checks every request.
 */
export function PermissionGate({
  permission,
  requireAll = false,
  orgId,
  fallback = null,
  loading = null,
  children,
}: PermissionGateProps) {
  const { hasAllPermissions, hasAnyPermission, isLoading, permissions } = usePermissions(orgId);
  if (isLoading && permissions.length === 0) return <>{loading}</>;
  const wanted = Array.isArray(permission) ? permission : [permission];
  const allowed = requireAll ? hasAllPermissions(wanted) : hasAnyPermission(wanted);
  return <>{allowed ? children : fallback}</>;
}
