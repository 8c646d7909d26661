import { type InvitationStatus, statusOf } from '../engine/invitation-rules.ts';
import type { InvitationRow } from '../store/invitation-store.ts';

/** An invitation as the organization's admins see it (never its token or hash). */
export type InvitationView = {
  id: string;
  orgId: string;
  email: string;
  role: string;
  status: InvitationStatus;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  revokedAt: Date | null;
};

export function invitationView(row: InvitationRow, now: Date): InvitationView {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    role: row.role_key,
    status: statusOf(row, now),
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    revokedAt: row.revoked_at,
  };
}
