import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { scopesAllow } from '../engine/api-key-scopes.ts';
import { knownPermissions, permissionsOfRole } from '../engine/permissions.ts';
import '../errors.ts';
import { listAppPermissions } from '../store/app-permission-store.ts';
import { findMembership } from '../store/membership-store.ts';
import { findOrganization, type OrganizationRow } from '../store/organization-store.ts';
import { findCustomRole } from '../store/role-store.ts';

/** Who is acting in an organization, with which role (null for operators and keys) and permissions. */
export type OrgAccess = {
  principal: Principal;
  role: string | null;
  permissions: string[];
  organization: OrganizationRow;
};

export type OrgAccessOptions = {
  /** Reading one's own permissions stays open to members an MFA requirement holds back. */
  allowWithoutMfa?: boolean;
};

export type OrgAccessChecker = ReturnType<typeof createOrgAccessChecker>;

/**
 * The guard of every `/v1/organizations/{orgId}/...` route. Fails closed, in this
 * order, after the platform has checked the credential:
 *   1. the caller belongs to the organization: operators act in any; an
 *      organization's API key only in its own; a user only where they are a
 *      member. Otherwise 403 `not_a_member`, and a nonexistent organization
 *      answers the same, so existence does not leak;
 *   2. the organization's MFA requirement (a user session without `mfa` gets 403
 *      `mfa_enrollment_required`);
 *   3. the role grants the permission (an API key: its scopes, see
 *      engine/api-key-scopes.ts), else 403 `forbidden` naming it.
 * The organization always comes from the URL; a token's org_id claim is never consulted.
 */
export function createOrgAccessChecker(database: Database) {
  async function resolve(principal: Principal, orgId: string, options: OrgAccessOptions): Promise<OrgAccess> {
    const found = await withTenant(database, orgId, async (scope) => {
      const organization = await findOrganization(scope);
      if (!organization) return undefined;
      const appPermissions = (await listAppPermissions(scope.db)).map((row) => row.key);
      if (principal.kind === 'operator') {
        return { organization, role: null, permissions: knownPermissions(appPermissions) };
      }
      if (principal.kind === 'api_key') {
        if (principal.orgId !== orgId) return undefined;
        const permissions = knownPermissions(appPermissions).filter((p) => scopesAllow(principal.scopes, p));
        return { organization, role: null, permissions };
      }
      const membership = await findMembership(scope, principal.id);
      if (!membership) return undefined;
      const custom = await findCustomRole(scope, membership.role_key);
      const permissions = permissionsOfRole(membership.role_key, {
        customRolePermissions: custom?.permissions,
        appPermissions,
      });
      return { organization, role: membership.role_key, permissions };
    });
    if (!found) {
      if (principal.kind === 'operator') throw new AppError('not_found', { detail: 'No such organization' });
      throw notAMember();
    }
    if (
      principal.kind === 'user' &&
      found.organization.require_mfa &&
      !principal.authMethods.includes('mfa') &&
      !options.allowWithoutMfa
    ) {
      throw new AppError('mfa_enrollment_required', {
        detail:
          'This organization requires multi-factor authentication: set up an authenticator, then sign in with it',
      });
    }
    return { principal, ...found };
  }

  return {
    /** The caller's access (membership, MFA rule) without demanding a permission. */
    async resolve(principal: Principal | undefined, orgId: string, options: OrgAccessOptions = {}) {
      if (!principal) throw new AppError('unauthenticated');
      return resolve(principal, orgId, options);
    },

    /** Resolves the caller's access and demands one permission. */
    async require(
      principal: Principal | undefined,
      orgId: string,
      permission: string,
      options: OrgAccessOptions = {},
    ): Promise<OrgAccess> {
      if (!principal) throw new AppError('unauthenticated');
      const access = await resolve(principal, orgId, options);
      if (!access.permissions.includes(permission)) {
        throw new AppError('forbidden', {
          detail: `This needs the ${permission} permission in this organization`,
        });
      }
      return access;
    },
  };
}

export function notAMember(): AppError {
  return new AppError('not_a_member', {
    detail: 'You are not a member of this organization, or it does not exist',
  });
}

/**
 * For routes (this module's and others'): `await requireOrgPermission(request, orgId, 'members:view')`.
 * Uses the checker the orgs module decorates the app with (`app.orgs.access`).
 */
export function requireOrgPermission(
  request: FastifyRequest,
  orgId: string,
  permission: string,
  options: OrgAccessOptions = {},
): Promise<OrgAccess> {
  return request.server.orgs.access.require(request.principal, orgId, permission, options);
}
