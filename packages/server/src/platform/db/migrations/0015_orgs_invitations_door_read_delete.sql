-- The invitations' personal-data door (0012) reads and deletes only. Its UPDATE
-- policy cannot serve: PostgreSQL also holds an updated row to the SELECT
-- policies, and a row that no longer names the user is outside the door. GDPR
-- erasure forgets a user as inviter or acceptor inside each organization's
-- tenant instead, so the policy only widened who could update through the door.
DROP POLICY invitation_personal_data_forget ON org_invitations;
