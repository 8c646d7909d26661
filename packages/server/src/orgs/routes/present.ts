import type { OrganizationRow } from '../store/organization-store.ts';

/** An organization as the wire shows it; private metadata only when the caller may edit settings. */
export function presentOrganization(org: OrganizationRow, options: { showPrivate: boolean }) {
  return {
    id: org.org_id,
    slug: org.slug,
    name: org.name,
    logo_url: org.logo_url,
    branding: org.branding,
    settings: org.settings,
    public_metadata: org.public_metadata,
    ...(options.showPrivate ? { private_metadata: org.private_metadata } : {}),
    require_mfa: org.require_mfa,
    created_at: org.created_at.toISOString(),
    updated_at: org.updated_at.toISOString(),
  };
}
