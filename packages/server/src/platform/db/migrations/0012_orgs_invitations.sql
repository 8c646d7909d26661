-- Organization invitations (orgs/invitations/), on top of the org_invitations
-- table of 0010.

-- At most one open invitation per address and organization: inviting an address
-- again revokes the open one first (the old link dies), so two concurrent
-- invitations to one address cannot both stand.
CREATE UNIQUE INDEX org_invitations_one_open ON org_invitations (org_id, email_normalized)
  WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE INDEX org_invitations_by_email ON org_invitations (email_normalized);

-- The personal-data door: a GDPR export or erasure of one user reaches, in every
-- organization, the invitations addressed to that user's email and those naming
-- the user as inviter or acceptor. Keyed on two settings the personal-data
-- participant sets for that one purpose; nothing else sets them.
CREATE FUNCTION keystone_personal_data_email() RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('keystone.personal_data_email', true), '') $$;

CREATE FUNCTION keystone_personal_data_user() RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('keystone.personal_data_user', true), '') $$;

CREATE POLICY invitation_personal_data_read ON org_invitations FOR SELECT
  USING (
    email_normalized = keystone_personal_data_email()
    OR invited_by = keystone_personal_data_user()
    OR accepted_by = keystone_personal_data_user()
  );

-- Erasure deletes the invitations addressed to the user...
CREATE POLICY invitation_personal_data_delete ON org_invitations FOR DELETE
  USING (email_normalized = keystone_personal_data_email());

-- ...and forgets the user as inviter or acceptor: the changed row must no longer name them.
CREATE POLICY invitation_personal_data_forget ON org_invitations FOR UPDATE
  USING (invited_by = keystone_personal_data_user() OR accepted_by = keystone_personal_data_user())
  WITH CHECK (
    invited_by IS DISTINCT FROM keystone_personal_data_user()
    AND accepted_by IS DISTINCT FROM keystone_personal_data_user()
  );
