import { InviteMemberModal, MemberList, PendingInvitations, useTenant } from '@keystone/react';
import { useState } from 'react';

/** The active organization's people: members, open invitations, and inviting someone. */
export function MembersPage() {
  const { currentOrganization } = useTenant();
  const [inviting, setInviting] = useState(false);
  if (!currentOrganization) return <p>Choose an organization first.</p>;
  return (
    <>
      <section>
        <h1>Members of {currentOrganization.name}</h1>
        <MemberList showRoles showActions />
        <button className="app-button" type="button" onClick={() => setInviting(true)}>
          Invite someone
        </button>
        <InviteMemberModal isOpen={inviting} onClose={() => setInviting(false)} defaultRole="member" />
      </section>
      <section>
        <h2>Pending invitations</h2>
        <PendingInvitations emptyState={<p>No open invitations.</p>} />
      </section>
    </>
  );
}
