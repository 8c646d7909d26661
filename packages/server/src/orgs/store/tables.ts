import type { Generated } from 'kysely';

/** The organizations module's tables (migrations 0010, 0011). Every one is tenant-walled by org_id. */
export type OrganizationsTable = {
  org_id: string;
  slug: string;
  name: string;
  logo_url: string | null;
  branding: Generated<Record<string, unknown>>;
  settings: Generated<Record<string, unknown>>;
  public_metadata: Generated<Record<string, unknown>>;
  private_metadata: Generated<Record<string, unknown>>;
  require_mfa: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type OrgMembershipsTable = {
  org_id: string;
  user_id: string;
  role_key: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type OrgRolesTable = {
  org_id: string;
  key: string;
  name: string;
  description: string | null;
  permissions: string[];
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type AppPermissionsTable = {
  key: string;
  description: string | null;
  created_at: Generated<Date>;
};

export type OrgInvitationsTable = {
  id: string;
  org_id: string;
  email: string;
  email_normalized: string;
  role_key: string;
  lookup: string;
  token_hash: string;
  invited_by: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_by: string | null;
  revoked_at: Date | null;
};

export type ApiKeysTable = {
  id: string;
  org_id: string;
  kind: 'secret' | 'publishable';
  environment: 'live' | 'test';
  name: string;
  lookup: string;
  secret_hash: string;
  display_prefix: string;
  scopes: string[];
  allowed_origins: Generated<string[]>;
  rate_limit_per_minute: number | null;
  /** Instance keys: the flag environment the key evaluates flags in (migration 0020). */
  flags_environment: Generated<string | null>;
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

export type OrgsTables = {
  organizations: OrganizationsTable;
  org_memberships: OrgMembershipsTable;
  org_roles: OrgRolesTable;
  app_permissions: AppPermissionsTable;
  org_invitations: OrgInvitationsTable;
  api_keys: ApiKeysTable;
};
