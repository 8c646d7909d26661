import { SignupForm } from '@keystone/react';
import { Link, navigate } from '../router.tsx';

/** Sign-up, then the code mailed to the address (SignupForm asks for it when the instance requires it). */
export function SignUpPage() {
  return (
    <section>
      <SignupForm onSuccess={() => navigate('/sign-in?verified=1')} />
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}
