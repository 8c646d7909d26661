import { registerErrorCodes } from '../platform/errors/codes.ts';

/** The organizations module's problem codes (docs/errors.md lists them with the platform's). */
export const orgsErrorCodes = {
  not_a_member: { status: 403, title: 'The caller is not a member of this organization' },
  mfa_enrollment_required: {
    status: 403,
    title: 'This organization requires multi-factor authentication',
  },
  slug_taken: { status: 409, title: 'The slug belongs to another organization' },
  last_owner: { status: 409, title: 'An organization must keep at least one owner' },
  role_in_use: { status: 409, title: 'Members still have this role' },
  role_exists: { status: 409, title: 'A role with this key exists already' },
  unknown_role: { status: 422, title: 'No such role in this organization' },
  unknown_permission: { status: 422, title: 'A permission is neither built in nor declared by the instance' },
} as const;

registerErrorCodes(orgsErrorCodes);
