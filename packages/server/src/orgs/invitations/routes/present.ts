import type { InvitationPreview } from '../service/invitation-acceptance.ts';
import type { InvitationView } from '../service/invitation-view.ts';

export function presentInvitation(view: InvitationView) {
  return {
    id: view.id,
    org_id: view.orgId,
    email: view.email,
    role: view.role,
    status: view.status,
    invited_by: view.invitedBy,
    created_at: view.createdAt.toISOString(),
    expires_at: view.expiresAt.toISOString(),
    accepted_at: view.acceptedAt?.toISOString() ?? null,
    accepted_by: view.acceptedBy,
    revoked_at: view.revokedAt?.toISOString() ?? null,
  };
}

export function presentPreview(preview: InvitationPreview) {
  return {
    organization: {
      id: preview.organization.id,
      name: preview.organization.name,
      slug: preview.organization.slug,
      logo_url: preview.organization.logoUrl,
    },
    role: preview.role,
    email_hint: preview.emailHint,
    expires_at: preview.expiresAt.toISOString(),
  };
}
