import { OrganizationSwitcher, useAuth } from '@keystone/react';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage.tsx';
import { AdminPage } from './pages/AdminPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { MembersPage } from './pages/MembersPage.tsx';
import { OrganizationsPage } from './pages/OrganizationsPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { ResetPasswordPage } from './pages/ResetPasswordPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SignUpPage } from './pages/SignUpPage.tsx';
import { VerifyEmailPage } from './pages/VerifyEmailPage.tsx';
import { Link, navigate, useLocation } from './router.tsx';

/** Pages anyone may open; every other page asks a signed-out visitor to sign in. */
const PUBLIC_PAGES: Record<string, () => React.ReactNode> = {
  '/sign-up': SignUpPage,
  '/sign-in': SignInPage,
  '/verify-email': VerifyEmailPage,
  '/reset-password': ResetPasswordPage,
  '/invitations/accept': AcceptInvitationPage,
};

const SIGNED_IN_PAGES: Record<string, () => React.ReactNode> = {
  '/': HomePage,
  '/organizations': OrganizationsPage,
  '/members': MembersPage,
  '/admin': AdminPage,
  '/profile': ProfilePage,
};

export function App() {
  const { path } = useLocation();
  const { isAuthenticated, isLoading, user, logout } = useAuth();
  const Public = PUBLIC_PAGES[path];
  const SignedIn = SIGNED_IN_PAGES[path];

  let page: React.ReactNode;
  if (Public) page = <Public />;
  else if (!SignedIn) page = <p>Page not found.</p>;
  else if (isLoading && !isAuthenticated) page = <p>Loading…</p>;
  else if (!isAuthenticated) page = <SignInPage />;
  else page = <SignedIn />;

  return (
    <>
      <header className="app-header">
        <strong>
          <Link to="/">Example app</Link>
        </strong>
        {isAuthenticated ? (
          <>
            <nav aria-label="Main">
              <Link to="/organizations">Organizations</Link>
              <Link to="/members">Members</Link>
              <Link to="/admin">Admin</Link>
              <Link to="/profile">Profile</Link>
            </nav>
            <OrganizationSwitcher />
            <span className="app-header__user">{user?.email}</span>
            <button
              className="app-button app-button--quiet"
              type="button"
              onClick={() => logout().then(() => navigate('/sign-in'))}
            >
              Sign out
            </button>
          </>
        ) : (
          <nav aria-label="Main">
            <Link to="/sign-in">Sign in</Link>
            <Link to="/sign-up">Sign up</Link>
          </nav>
        )}
      </header>
      <main className="app-main">{page}</main>
    </>
  );
}
