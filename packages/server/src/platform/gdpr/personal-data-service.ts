import type { JsonObject } from '../audit/engine/audit-entry.ts';
import { appendAuditEntry } from '../audit/index.ts';
import type { RequestAuditContext } from '../audit/service/request-audit-context.ts';
import type { Database } from '../db/database.ts';
import { withInstanceTenant } from '../db/instance-tenant.ts';
import { AppError } from '../errors/app-error.ts';
import type { PersonalDataParticipant, PersonalDataRegistry, UserSubject } from './personal-data-registry.ts';

/** The participant that holds the user record: its user eraser runs last, so a re-run still finds the user. */
export const USER_RECORD_PARTICIPANT = 'identity';
/** The participant that holds the organization record: its eraser runs last, so a re-run still finds the org. */
export const ORGANIZATION_RECORD_PARTICIPANT = 'organizations';

/** What the personal-data service needs of the module that owns user accounts (identity). */
export type AccountDirectory = {
  /** The user's id and email (the original address while an erasure is under way), or undefined. */
  findSubject(userId: string): Promise<UserSubject | undefined>;
  /**
   * In one transaction: the account can no longer sign in or be found by its email
   * (sessions end, credentials go), while the row keeps the address for the erasers.
   * Idempotent. Returns undefined when there is no such user.
   */
  lockOut(userId: string, audit: RequestAuditContext): Promise<UserSubject | undefined>;
};

export type ExportDocument = {
  kind: 'user' | 'organization';
  id: string;
  exported_at: string;
  /** One section per participant that exports this kind, by its name. */
  sections: Record<string, unknown>;
};

export type PersonalDataService = ReturnType<typeof createPersonalDataService>;

/**
 * Export and erasure across modules: every participant of the registry gives its
 * section of an export document and forgets what it holds on erasure. Erasure is
 * idempotent and resumable: each step can be run again, and the record owner's
 * eraser runs last so a re-run after a crash still knows whom it is erasing.
 */
export function createPersonalDataService(deps: {
  database: Database;
  registry: PersonalDataRegistry;
  accounts: AccountDirectory;
}) {
  const { database, registry, accounts } = deps;

  async function requireSubject(userId: string): Promise<UserSubject> {
    const subject = await accounts.findSubject(userId);
    if (!subject) throw new AppError('not_found', { detail: 'No such user' });
    return subject;
  }

  async function recordInInstanceChain(
    audit: RequestAuditContext,
    action: string,
    target: { type: string; id: string },
    metadata: JsonObject = {},
  ) {
    await withInstanceTenant(database, (scope) =>
      appendAuditEntry(scope, { ...audit, action, target, metadata }),
    );
  }

  return {
    async exportUser(userId: string): Promise<ExportDocument> {
      const subject = await requireSubject(userId);
      const sections: Record<string, unknown> = {};
      for (const participant of registry.participants()) {
        if (participant.exportUser) sections[participant.name] = await participant.exportUser(subject);
      }
      return { kind: 'user', id: userId, exported_at: new Date().toISOString(), sections };
    },

    async exportOrganization(orgId: string): Promise<ExportDocument> {
      const sections: Record<string, unknown> = {};
      for (const participant of registry.participants()) {
        if (participant.exportOrganization) {
          sections[participant.name] = await participant.exportOrganization(orgId);
        }
      }
      return { kind: 'organization', id: orgId, exported_at: new Date().toISOString(), sections };
    },

    /**
     * Checks every participant first (nothing changes if one refuses), locks the
     * account out, runs every eraser (identity's last), then records `user.erased`
     * in the instance chain. The user id stays as the pseudonymous actor of old entries.
     */
    async eraseUser(input: { userId: string; audit: RequestAuditContext }): Promise<void> {
      const found = await requireSubject(input.userId);
      for (const participant of registry.participants()) await participant.checkUserErasure?.(found);
      const subject = (await accounts.lockOut(input.userId, input.audit)) ?? found;
      for (const participant of recordOwnerLast(registry.participants(), USER_RECORD_PARTICIPANT)) {
        await participant.eraseUser?.(subject);
      }
      await recordInInstanceChain(input.audit, 'user.erased', { type: 'user', id: input.userId });
    },

    /**
     * Runs every participant's organization eraser (the organization record's last,
     * with its audit chain), then records `organization.erased` in the instance chain.
     */
    async eraseOrganization(input: {
      orgId: string;
      audit: RequestAuditContext;
      /** Why, when not a direct request (e.g. `only_member_erased`). */
      reason?: string;
    }): Promise<void> {
      for (const participant of recordOwnerLast(registry.participants(), ORGANIZATION_RECORD_PARTICIPANT)) {
        await participant.eraseOrganization?.(input.orgId);
      }
      await recordInInstanceChain(
        input.audit,
        'organization.erased',
        { type: 'organization', id: input.orgId },
        input.reason ? { reason: input.reason } : {},
      );
    },
  };
}

/** Registration order, except the record owner goes last. */
function recordOwnerLast(
  participants: readonly PersonalDataParticipant[],
  ownerName: string,
): PersonalDataParticipant[] {
  return [
    ...participants.filter((participant) => participant.name !== ownerName),
    ...participants.filter((participant) => participant.name === ownerName),
  ];
}
