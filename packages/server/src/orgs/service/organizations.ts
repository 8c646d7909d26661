import { randomBytes } from 'node:crypto';
import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Database } from '../../platform/db/database.ts';
import { type TenantScope, withTenant } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { newId } from '../../platform/ids.ts';
import { OWNER_ROLE } from '../engine/permissions.ts';
import { slugFromName, slugProblem, slugWithSuffix } from '../engine/slug.ts';
import '../errors.ts';
import { insertMembership } from '../store/membership-store.ts';
import {
  insertOrganization,
  type NewOrganization,
  type OrganizationChanges,
  type OrganizationRow,
  updateOrganization,
} from '../store/organization-store.ts';
import { listOwnMemberships, type OwnMembership, withUserDoor } from '../store/user-door.ts';

const UNIQUE_VIOLATION = '23505';
const GENERATED_SLUG_TRIES = 5;

export type OrganizationFields = Omit<NewOrganization, 'slug' | 'created_by'> & { slug?: string | undefined };

/** Erases an organization across every module (the personal-data service's eraseOrganization). */
export type OrganizationEraser = (input: { orgId: string; audit: RequestAuditContext }) => Promise<void>;

/**
 * Access control's part in creating an organization: the store it starts with, created in the
 * organization's own transaction (the scope given) and audited there.
 */
export type OrganizationAccessSetup = {
  createDefaultStore(scope: TenantScope, audit: RequestAuditContext): Promise<unknown>;
};

/** Creating, changing and deleting organizations; each change audited in the organization's chain. */
export function createOrganizations(
  database: Database,
  erase: OrganizationEraser,
  /** Identity's check that the account still exists (an access token can outlive an erased user). */
  requireUser: (userId: string) => Promise<unknown>,
  accessSetup: OrganizationAccessSetup,
) {
  return {
    /**
     * The creator becomes the owner, and the organization gets its first access-control store, all
     * in one transaction. Without a slug one is made from the name (with a suffix when taken).
     */
    async create(input: {
      userId: string;
      fields: OrganizationFields;
      audit: RequestAuditContext;
    }): Promise<OrganizationRow> {
      await requireUser(input.userId);
      const orgId = newId('org');
      const { slug: chosen, ...rest } = input.fields;
      const candidates = chosen ? [chosen] : generatedSlugs(rest.name);
      return withTenant(database, orgId, async (scope) => {
        let created: OrganizationRow | undefined;
        for (const slug of candidates) {
          created = await insertOrganization(scope, { ...rest, slug, created_by: input.userId });
          if (created) break;
        }
        if (!created) throw slugTaken();
        await insertMembership(scope, { user_id: input.userId, role_key: OWNER_ROLE });
        await appendAuditEntry(scope, {
          ...input.audit,
          action: 'organization.created',
          target: { type: 'organization', id: orgId },
          metadata: { slug: created.slug, name: created.name, owner: input.userId },
        });
        await accessSetup.createDefaultStore(scope, input.audit);
        return created;
      });
    },

    async update(input: {
      orgId: string;
      changes: OrganizationChanges;
      audit: RequestAuditContext;
    }): Promise<OrganizationRow> {
      try {
        return await withTenant(database, input.orgId, async (scope) => {
          const updated = await updateOrganization(scope, input.changes);
          if (!updated) throw new AppError('not_found', { detail: 'No such organization' });
          await appendAuditEntry(scope, {
            ...input.audit,
            action: 'organization.updated',
            target: { type: 'organization', id: input.orgId },
            // Which fields changed; values stay out (private metadata may be sensitive).
            metadata: { fields: Object.keys(input.changes).sort() },
          });
          return updated;
        });
      } catch (error) {
        if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) throw slugTaken();
        throw error;
      }
    },

    /**
     * GDPR erasure: everything the organization owns, in every module, goes with it,
     * its audit chain and data keys included; `organization.erased` is recorded in the
     * instance chain. Resumable: the organization row goes last, so a failed erasure
     * can be requested again.
     */
    async delete(input: { orgId: string; audit: RequestAuditContext }): Promise<void> {
      await erase(input);
    },

    /** The user's organizations and role in each, through the user door (no other user's rows are visible). */
    listMine: (userId: string): Promise<OwnMembership[]> =>
      withUserDoor(database, userId, listOwnMemberships),
  };
}

function slugTaken(): AppError {
  return new AppError('slug_taken', { detail: 'Another organization has this slug; choose another' });
}

/** The name's own slug when usable, then the same with random suffixes. */
function generatedSlugs(name: string): string[] {
  const base = slugFromName(name);
  const candidates = slugProblem(base) === undefined ? [base] : [];
  while (candidates.length < GENERATED_SLUG_TRIES) {
    candidates.push(slugWithSuffix(base, randomBytes(4).toString('hex').slice(0, 6)));
  }
  return candidates;
}
