import { useTenant, useUser } from '@keystone/react';
import { Link } from '../router.tsx';

export function HomePage() {
  const { user } = useUser();
  const { currentOrganization, organizations, isLoading } = useTenant();
  return (
    <section>
      <h1>Welcome, {user?.name ?? user?.email}</h1>
      {currentOrganization ? (
        <p>
          You are working in <strong>{currentOrganization.name}</strong>.
        </p>
      ) : (
        !isLoading && (
          <p>
            {organizations.length === 0
              ? 'You are not in any organization yet. '
              : 'Choose an organization. '}
            <Link to="/organizations">Organizations</Link>
          </p>
        )
      )}
    </section>
  );
}
