import type { Database } from '../../platform/db/database.ts';
import type { OneTimeCodePurpose } from '../store/tables.ts';
import { peekLinkToken } from './emailed-proof.ts';

/** The emailed links: `${publicUrl}/v1/auth/email-links/<kind>?token=…` (identity-mail.ts). */
export const EMAIL_LINK_KINDS = ['verify-email', 'reset-password', 'sign-in', 'change-email'] as const;
export type EmailLinkKind = (typeof EMAIL_LINK_KINDS)[number];

const PURPOSE: Record<EmailLinkKind, OneTimeCodePurpose> = {
  'verify-email': 'email_verification',
  'reset-password': 'password_reset',
  'sign-in': 'sign_in',
  'change-email': 'email_change',
};

/**
 * What an open link is for, without using it (the page a link opens only
 * reads; its button redeems): the address it was sent for, and for a change
 * the new one. Undefined when the link is unknown, used, expired or replaced.
 */
export async function openEmailLink(
  database: Database,
  kind: EmailLinkKind,
  token: string,
): Promise<{ email: string; newEmail: string | null } | undefined> {
  const open = await peekLinkToken(database.kysely, PURPOSE[kind], token);
  return open ? { email: open.user.email, newEmail: open.row.new_email } : undefined;
}
