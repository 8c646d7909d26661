import { CreateOrganization, OrganizationList } from '@keystone/react';
import { navigate } from '../router.tsx';

export function OrganizationsPage() {
  return (
    <>
      <section>
        <h1>Your organizations</h1>
        <OrganizationList emptyState={<p>None yet: create one below.</p>} />
      </section>
      <section>
        <h2>New organization</h2>
        {/* The new organization becomes the active one. */}
        <CreateOrganization onCreate={() => navigate('/members')} />
      </section>
    </>
  );
}
