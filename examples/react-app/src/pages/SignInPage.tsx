import { LoginForm } from '@keystone/react';
import { Link, navigate, useLocation } from '../router.tsx';

/** Password (or an emailed code), then the authenticator code for users with two-step verification. */
export function SignInPage() {
  const { path, search } = useLocation();
  // Shown on a page that needs a session too: then stay there once signed in.
  const next = path === '/sign-in' ? (search.get('next') ?? '/') : null;
  return (
    <section>
      {search.get('verified') && <p role="status">Your email address is verified. Sign in to continue.</p>}
      {search.get('reset') && <p role="status">Your password is changed. Sign in with the new one.</p>}
      <LoginForm
        onSuccess={() => next && navigate(next)}
        onForgotPassword={() => navigate('/reset-password')}
      />
      <p>
        New here? <Link to="/sign-up">Create an account</Link>. Signed up but not verified yet?{' '}
        <Link to="/verify-email">Verify your email</Link>
      </p>
    </section>
  );
}
