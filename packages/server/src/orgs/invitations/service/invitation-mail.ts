import type { Config } from '../../../platform/config/config.ts';
import type { OutgoingMail } from '../../../platform/mail/mailer.ts';

/**
 * Where an invitation's link points: the product's page for accepting
 * (KEYSTONE_INVITATION_URL, by default KEYSTONE_PUBLIC_URL + /invitations/accept),
 * with the token added; the page reads it, shows the preview
 * (POST /v1/invitations/preview) and accepts.
 */
export function invitationLink(config: Pick<Config, 'invitationUrl'>, token: string): string {
  const link = new URL(config.invitationUrl);
  link.searchParams.set('token', token);
  return link.toString();
}

/** The invitation mail: plain text, who invites to what, the link, until when, and what to do if unexpected. */
export function invitationMail(
  config: Pick<Config, 'invitationUrl'>,
  invitation: {
    to: string;
    organizationName: string;
    roleName: string;
    inviterName: string | null;
    token: string;
    expiresAt: Date;
  },
): OutgoingMail {
  const who = invitation.inviterName ? `${invitation.inviterName} invited you` : 'You are invited';
  return {
    to: invitation.to,
    subject: `You are invited to join ${invitation.organizationName}`,
    text:
      `${who} to join ${invitation.organizationName} as ${invitation.roleName}.\n\n` +
      `Open this link to accept (or to create your account first):\n${invitationLink(config, invitation.token)}\n\n` +
      `The invitation expires on ${invitation.expiresAt.toUTCString()} and works once. ` +
      'If you did not expect it, you can ignore this email.\n',
  };
}
