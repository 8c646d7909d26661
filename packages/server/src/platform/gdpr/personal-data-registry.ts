/** Who an export or erasure is about. */
export type UserSubject = { userId: string; email: string };

/** What one module holds about users and organizations, and how it forgets it. Every hook is optional. */
export type PersonalDataParticipant = {
  /** The section's key in export documents, e.g. 'identity', 'memberships', 'invitations'. Unique. */
  name: string;
  exportUser?: (subject: UserSubject) => Promise<unknown>;
  exportOrganization?: (orgId: string) => Promise<unknown>;
  /** Remove or anonymize what this module holds about the user. Must be idempotent (erasure can be re-run). */
  eraseUser?: (subject: UserSubject) => Promise<void>;
  /** Purge everything this module holds for the organization. Idempotent. */
  eraseOrganization?: (orgId: string) => Promise<void>;
  /**
   * Throws an AppError when the user cannot be erased yet (e.g. the last owner of an
   * organization with other members). Asked of every participant before anything changes.
   */
  checkUserErasure?: (subject: UserSubject) => Promise<void>;
};

export type PersonalDataRegistry = {
  register(participant: PersonalDataParticipant): void;
  participants(): readonly PersonalDataParticipant[];
};

/**
 * The one place modules declare what personal data they hold: export documents
 * have one section per participant, erasure runs every participant's eraser.
 * Participants are kept in registration order (the erasure service runs the
 * 'identity' participant's user eraser last, so a re-run still knows the email).
 */
export function createPersonalDataRegistry(): PersonalDataRegistry {
  const registered: PersonalDataParticipant[] = [];
  return {
    register(participant) {
      if (registered.some((existing) => existing.name === participant.name)) {
        throw new Error(`A personal-data participant named '${participant.name}' is already registered`);
      }
      registered.push(participant);
    },
    participants: () => registered,
  };
}
