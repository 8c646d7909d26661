import { createInvitationAcceptance } from './invitation-acceptance.ts';
import { invitationsPersonalData } from './invitation-personal-data.ts';
import { createInvitationAdmin, type InvitationDeps } from './invitation-service.ts';

export type InvitationService = ReturnType<typeof createInvitationService>;

/** Invitations: what admins do (admin), what token holders do (acceptance), and their GDPR part. */
export function createInvitationService(deps: InvitationDeps) {
  return {
    admin: createInvitationAdmin(deps),
    acceptance: createInvitationAcceptance(deps),
    personalData: invitationsPersonalData(deps.database, deps.now),
    identity: deps.identity,
  };
}
