import type { ReactNode } from 'react';
import { usePermissions } from './use-permissions.ts';

export type RoleGateProps = {
  /** The role key (or any of these keys) the user must have: 'owner', 'admin', a custom role's key. */
  role: string | string[];
  orgId?: string;
  fallback?: ReactNode;
  loading?: ReactNode;
  children: ReactNode;
};

/** Renders its children only when the user's role in the organization is one of `role`. Prefer PermissionGate. */
export function RoleGate({ role, orgId, fallback = null, loading = null, children }: RoleGateProps) {
  const { hasRole, isLoading, roles } = usePermissions(orgId);
  if (isLoading && roles.length === 0) return <>{loading}</>;
  const wanted = Array.isArray(role) ? role : [role];
  return <>{wanted.some(hasRole) ? children : fallback}</>;
}
