/**
 * The rules of an invitation, pure: its lifetime, its status, what an
 * unusable one answers, and how its address is shown to a token holder.
 */

/** Invitation tokens: `ks_inv_<43 base62>` (platform/crypto/secret-hash.ts), stored only hashed. */
export const INVITATION_TOKEN_KIND = 'ks_inv';

export const DEFAULT_EXPIRY_SECONDS = 7 * 24 * 3600;
export const MIN_EXPIRY_SECONDS = 3600;
export const MAX_EXPIRY_SECONDS = 30 * 24 * 3600;

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export type InvitationState = {
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
};

/** Accepted and revoked are final; an open invitation past its expiry is expired. */
export function statusOf(invitation: InvitationState, now: Date): InvitationStatus {
  if (invitation.accepted_at) return 'accepted';
  if (invitation.revoked_at) return 'revoked';
  if (invitation.expires_at <= now) return 'expired';
  return 'pending';
}

/** The problem code an invitation in this status answers when someone tries to use it. */
export function unusableCode(
  status: Exclude<InvitationStatus, 'pending'>,
): 'invitation_used' | 'invitation_revoked' | 'invitation_expired' {
  if (status === 'accepted') return 'invitation_used';
  if (status === 'revoked') return 'invitation_revoked';
  return 'invitation_expired';
}

/**
 * The invited address as the preview shows it: enough for its owner to recognise
 * (`an***@example.com`), not enough to harvest from a forwarded link.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? local.slice(0, 1) : local.slice(0, 2);
  return `${shown}***${email.slice(at)}`;
}

/** List cursors: opaque to clients, the (created at, id) of the last invitation of a page (newest first). */
export type InvitationCursor = { createdAt: Date; id: string };

export function encodeInvitationCursor(cursor: InvitationCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** Undefined for anything that is not a cursor this server made. */
export function decodeInvitationCursor(text: string): InvitationCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [at, id] = parsed;
    if (typeof at !== 'string' || typeof id !== 'string') return undefined;
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime())) return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}
