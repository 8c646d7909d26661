import { z } from 'zod';
import { emailSchema } from '../../../identity/engine/email-address.ts';
import { mfaRequired, passwordField, signedIn } from '../../../identity/routes/schemas.ts';
import { ROLE_KEY_PATTERN } from '../../engine/permissions.ts';
import { orgIdSchema } from '../../routes/org-schemas.ts';
import { INVITATION_STATUSES, MAX_EXPIRY_SECONDS, MIN_EXPIRY_SECONDS } from '../engine/invitation-rules.ts';

/** Wire schemas of invitations (snake_case, as the rest of the API). */
const invitationIdSchema = z
  .string()
  .regex(/^inv_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an invitation id (inv_…)');

export const invitationParams = z.strictObject({ orgId: orgIdSchema, invitationId: invitationIdSchema });

const expiresInSeconds = z
  .number()
  .int()
  .min(MIN_EXPIRY_SECONDS)
  .max(MAX_EXPIRY_SECONDS)
  .optional()
  .describe(`Seconds until the link expires: ${MIN_EXPIRY_SECONDS} to ${MAX_EXPIRY_SECONDS}, default 7 days`);

export const createInvitationBody = z.strictObject({
  email: emailSchema,
  role: z.string().regex(ROLE_KEY_PATTERN, 'must be a role key (built-in or this organization’s)'),
  expires_in_seconds: expiresInSeconds,
});

export const resendInvitationBody = z.strictObject({ expires_in_seconds: expiresInSeconds }).nullish();

export const invitationListQuery = z.strictObject({
  status: z
    .enum([...INVITATION_STATUSES, 'all'])
    .default('pending')
    .describe('pending (default), accepted, revoked, expired, or all'),
  cursor: z.string().max(512).optional().describe('next_cursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const invitationSchema = z.strictObject({
  id: z.string(),
  org_id: z.string(),
  email: z.string(),
  role: z.string(),
  status: z.enum(INVITATION_STATUSES),
  invited_by: z.string().nullable().describe('The id of the user, key or operator who invited'),
  created_at: z.string(),
  expires_at: z.string(),
  accepted_at: z.string().nullable(),
  accepted_by: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export const invitationPage = z.strictObject({
  data: z.array(invitationSchema),
  next_cursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last'),
});

// The token travels in bodies only, never in a URL path (paths end up in logs).
const tokenField = z.string().min(1).max(200).describe('The token of the emailed invitation link');

export const tokenBody = z.strictObject({ token: tokenField });

export const invitationPreview = z.strictObject({
  organization: z.strictObject({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    logo_url: z.string().nullable(),
  }),
  role: z.strictObject({ key: z.string(), name: z.string() }),
  email_hint: z.string().describe('The invited address, masked (an***@example.com)'),
  expires_at: z.string(),
});

export const membershipSchema = z.strictObject({ org_id: z.string(), role: z.string() });

export const acceptAsNewUserBody = z.strictObject({
  token: tokenField,
  password: passwordField,
  name: z.string().trim().min(1).max(200).optional(),
});

export const acceptAsNewUserAnswer = z.discriminatedUnion('status', [
  signedIn.extend({ membership: membershipSchema }),
  mfaRequired.extend({ membership: membershipSchema }),
]);
