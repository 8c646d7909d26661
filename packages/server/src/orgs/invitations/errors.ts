import { registerErrorCodes } from '../../platform/errors/codes.ts';

/** The invitations' problem codes (docs/errors.md lists them with the platform's). */
export const invitationErrorCodes = {
  invitation_not_found: { status: 404, title: 'No invitation has this token' },
  invitation_expired: { status: 410, title: 'The invitation has expired' },
  invitation_revoked: { status: 410, title: 'The invitation was revoked or replaced' },
  invitation_used: { status: 409, title: 'The invitation was accepted already' },
  invitation_email_mismatch: {
    status: 403,
    title: 'The invitation is for another email address than the signed-in account’s',
  },
  invitation_account_exists: {
    status: 409,
    title: 'The invited address has an account: sign in, then accept the invitation',
  },
  already_a_member: { status: 409, title: 'This person is a member of the organization already' },
} as const;

registerErrorCodes(invitationErrorCodes);
