import { OrganizationSettings, PermissionGate, RoleManager, useTenant } from '@keystone/react';

/** Only people whose role may manage roles see the panel; everyone else gets the fallback. */
export function AdminPage() {
  const { currentOrganization } = useTenant();
  if (!currentOrganization) return <p>Choose an organization first.</p>;
  return (
    <PermissionGate
      permission="roles:manage"
      loading={<p>Checking your permissions…</p>}
      fallback={
        <p role="status">Only administrators of {currentOrganization.name} can see the admin panel.</p>
      }
    >
      <section aria-labelledby="admin-panel">
        <h1 id="admin-panel">Admin panel</h1>
        <OrganizationSettings />
        <h2>Roles</h2>
        <RoleManager />
      </section>
    </PermissionGate>
  );
}
