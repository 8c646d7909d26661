import { OWNER_ROLE } from './permissions.ts';

/**
 * Who may hand out which role. Pure; the service supplies the facts.
 * - Only an owner (or an operator) makes someone owner or changes an owner's role.
 * - No one grants a role with a permission they do not hold themselves.
 */
export type Grantor = { role: string | null; permissions: readonly string[]; isOperator: boolean };

export function mayAssignRole(
  grantor: Grantor,
  change: { fromRole: string | null; toRole: string; toPermissions: readonly string[] },
): { ok: true } | { ok: false; reason: string } {
  if (grantor.isOperator) return { ok: true };
  const touchesOwner = change.toRole === OWNER_ROLE || change.fromRole === OWNER_ROLE;
  if (touchesOwner && grantor.role !== OWNER_ROLE) {
    return { ok: false, reason: 'Only an owner may make someone owner or change an owner’s role' };
  }
  const missing = change.toPermissions.filter((permission) => !grantor.permissions.includes(permission));
  if (missing.length > 0) {
    return { ok: false, reason: `You cannot grant permissions you do not hold: ${missing.join(', ')}` };
  }
  return { ok: true };
}

/** Whether removing or demoting these owners leaves none. */
export function leavesNoOwner(owners: readonly string[], losing: string): boolean {
  return owners.includes(losing) && owners.filter((owner) => owner !== losing).length === 0;
}
