import type { IdentityService } from '../../identity/index.ts';
import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { findMembership } from '../store/membership-store.ts';
import type { OrgAccessChecker } from './org-access.ts';

/**
 * The active organization of a session: a default the access token names
 * (org_id, org_role), never what a route acts on (that comes from its URL).
 * Identity asks `roleOf` each time it issues a token, so the claims follow
 * membership changes at the next refresh.
 */
export function createActiveOrganization(deps: {
  database: Database;
  identity: IdentityService;
  access: OrgAccessChecker;
}) {
  const { database, identity, access } = deps;

  async function roleOf(userId: string, orgId: string): Promise<string | undefined> {
    const membership = await withTenant(database, orgId, (scope) => findMembership(scope, userId));
    return membership?.role_key;
  }
  identity.setOrgRoleResolver(roleOf);

  return {
    roleOf,

    /** Membership (and the org's MFA rule) is checked first; null clears the active organization. */
    async switch(input: {
      principal: Principal & { kind: 'user' };
      orgId: string | null;
      audit: RequestAuditContext;
    }) {
      const { principal, orgId } = input;
      if (orgId) await access.resolve(principal, orgId);
      const answer = await identity.switchActiveOrganization({
        userId: principal.id,
        sessionId: principal.sessionId,
        orgId,
      });
      if (orgId) {
        await withTenant(database, orgId, (scope) =>
          appendAuditEntry(scope, {
            ...input.audit,
            action: 'member.organization_activated',
            target: { type: 'session', id: principal.sessionId },
          }),
        );
      }
      return answer;
    },
  };
}
