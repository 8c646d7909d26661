import type { IdentityService } from '../../identity/index.ts';
import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { PersonalDataParticipant, UserSubject } from '../../platform/gdpr/index.ts';
import { ORGANIZATION_RECORD_PARTICIPANT } from '../../platform/gdpr/personal-data-service.ts';
import { purgeErasedOrganizationRecords } from '../../platform/gdpr/purge-erased-organization.ts';
import '../errors.ts';
import { listMemberships } from '../store/membership-store.ts';
import { findOrganization } from '../store/organization-store.ts';
import { listCustomRoles } from '../store/role-store.ts';
import { listOwnMemberships, withUserDoor } from '../store/user-door.ts';
import { deleteOrganizationRecords, listCreatedOrganizations, memberCounts } from './org-erasure-store.ts';

const ALL_MEMBERS = 1_000_000;

type Deps = {
  database: Database;
  identity: Pick<IdentityService, 'publicProfiles'>;
  /** Erases a whole organization across every module (the personal-data service). */
  eraseOrganization: (orgId: string, reason: string) => Promise<void>;
};

type Standing = { orgId: string; members: number; owners: string[] };

/**
 * What the organizations module holds: for a user, their memberships and the
 * organizations they created; for an organization, its record, members, custom
 * roles and settings. Its organization eraser runs last and removes the row and,
 * in the same transaction, the organization's audit chain and data keys.
 */
export function orgsPersonalData(deps: Deps): PersonalDataParticipant {
  const { database } = deps;

  /** The user's organizations with their member and owner counts, each read in its own tenant. */
  async function standings(userId: string): Promise<Standing[]> {
    const memberships = await withUserDoor(database, userId, listOwnMemberships);
    const result: Standing[] = [];
    for (const membership of memberships) {
      const orgId = membership.organization.org_id;
      result.push({ orgId, ...(await withTenant(database, orgId, memberCounts)) });
    }
    return result;
  }

  /** The last owner of an organization others still belong to cannot leave it ownerless. */
  function isLastOwnerWithOthers(standing: Standing, userId: string): boolean {
    return standing.members > 1 && standing.owners.length === 1 && standing.owners[0] === userId;
  }

  function lastOwner(orgIds: string[]): AppError {
    return new AppError('last_owner', {
      detail: `The user is the last owner of ${orgIds.join(', ')}, which other members belong to: make another member owner first`,
    });
  }

  return {
    name: ORGANIZATION_RECORD_PARTICIPANT,

    async exportUser(subject: UserSubject) {
      const memberships = await withUserDoor(database, subject.userId, listOwnMemberships);
      const created = await withUserDoor(database, subject.userId, listCreatedOrganizations);
      return {
        memberships: memberships.map((m) => ({
          org_id: m.organization.org_id,
          slug: m.organization.slug,
          name: m.organization.name,
          role: m.roleKey,
          joined_at: m.joinedAt,
        })),
        created_organizations: created,
      };
    },

    async exportOrganization(orgId: string) {
      const found = await withTenant(database, orgId, async (scope) => ({
        organization: await findOrganization(scope),
        members: await listMemberships(scope, { limit: ALL_MEMBERS }),
        roles: await listCustomRoles(scope),
      }));
      if (!found.organization) return null;
      const profiles = new Map(
        (await deps.identity.publicProfiles(found.members.map((m) => m.user_id))).map((p) => [p.id, p]),
      );
      const { org_id, ...organization } = found.organization;
      return {
        organization: { id: org_id, ...organization },
        members: found.members.map((m) => ({
          user_id: m.user_id,
          email: profiles.get(m.user_id)?.email ?? null,
          name: profiles.get(m.user_id)?.name ?? null,
          role: m.role_key,
          joined_at: m.created_at,
        })),
        custom_roles: found.roles.map(({ org_id: _, ...role }) => role),
      };
    },

    async checkUserErasure(subject: UserSubject) {
      const blocked = (await standings(subject.userId)).filter((s) =>
        isLastOwnerWithOthers(s, subject.userId),
      );
      if (blocked.length > 0) throw lastOwner(blocked.map((s) => s.orgId));
    },

    /**
     * Leaves every organization (recorded as `member.erased` in its chain); an
     * organization the user is the only member of is erased with them. Checked
     * again here: someone may have joined since checkUserErasure.
     */
    async eraseUser(subject: UserSubject) {
      for (const standing of await standings(subject.userId)) {
        if (standing.members <= 1) {
          await deps.eraseOrganization(standing.orgId, 'only_member_erased');
          continue;
        }
        if (isLastOwnerWithOthers(standing, subject.userId)) throw lastOwner([standing.orgId]);
        await withTenant(database, standing.orgId, async (scope) => {
          const removed = await scope.db
            .deleteFrom('org_memberships')
            .where('org_id', '=', scope.orgId)
            .where('user_id', '=', subject.userId)
            .executeTakeFirst();
          if (removed.numDeletedRows === 0n) return;
          await appendAuditEntry(scope, {
            actor: { type: 'system', id: null },
            action: 'member.erased',
            target: { type: 'user', id: subject.userId },
          });
        });
      }
    },

    async eraseOrganization(orgId: string) {
      await withTenant(database, orgId, async (scope) => {
        await deleteOrganizationRecords(scope);
        await purgeErasedOrganizationRecords(scope);
      });
    },
  };
}
