-- Organizations, the tenants (orgs/): members with roles, custom roles,
-- invitations. Every table is tenant-walled by org_id. Two narrow doors let a
-- transaction see rows of organizations it is not bound to, each keyed on a
-- setting the server sets for one purpose:
--   keystone.user_id            a user's own memberships and their organizations (GET /v1/me/organizations)
--   keystone.invitation_lookup  the one invitation whose token is being accepted

CREATE FUNCTION keystone_current_user() RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('keystone.user_id', true), '') $$;

CREATE TABLE organizations (
  org_id text PRIMARY KEY,
  -- URL-safe, unique across the instance (the unique index holds whatever RLS shows).
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  logo_url text,
  branding jsonb NOT NULL DEFAULT '{}',
  settings jsonb NOT NULL DEFAULT '{}',
  public_metadata jsonb NOT NULL DEFAULT '{}',
  private_metadata jsonb NOT NULL DEFAULT '{}',
  -- Members without a second factor must enroll before they reach the organization's data.
  require_mfa boolean NOT NULL DEFAULT false,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

SELECT keystone_enable_tenant_rls('organizations');

CREATE TABLE org_memberships (
  org_id text NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- A built-in role key (owner, admin, billing, developer, member, viewer) or a custom role's key.
  role_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);

CREATE INDEX org_memberships_by_user ON org_memberships (user_id);

SELECT keystone_enable_tenant_rls('org_memberships');

-- The user door: read only, and only the user's own rows.
CREATE POLICY own_memberships ON org_memberships FOR SELECT
  USING (user_id = keystone_current_user());

CREATE POLICY member_organizations ON organizations FOR SELECT
  USING (org_id IN (SELECT m.org_id FROM org_memberships m WHERE m.user_id = keystone_current_user()));

-- Custom roles of an organization, from any permissions (built-in roles live in code).
CREATE TABLE org_roles (
  org_id text NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  key text NOT NULL,
  name text NOT NULL,
  description text,
  permissions text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, key)
);

SELECT keystone_enable_tenant_rls('org_roles');

-- Application permissions the instance declares (`projects:create`...), usable in custom roles.
CREATE TABLE app_permissions (
  key text PRIMARY KEY,
  description text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE org_invitations (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  email text NOT NULL,
  email_normalized text NOT NULL,
  role_key text NOT NULL,
  -- The emailed token: secret-hash lookup + SHA-256; resending replaces both (the old link dies).
  lookup text NOT NULL UNIQUE,
  token_hash text NOT NULL,
  invited_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by text,
  revoked_at timestamptz
);

CREATE INDEX org_invitations_pending ON org_invitations (org_id, created_at DESC)
  WHERE accepted_at IS NULL AND revoked_at IS NULL;

SELECT keystone_enable_tenant_rls('org_invitations');

-- The invitation door: the one row whose lookup id the accepting request presents.
CREATE POLICY invitation_by_lookup ON org_invitations FOR SELECT
  USING (lookup = NULLIF(current_setting('keystone.invitation_lookup', true), ''));
