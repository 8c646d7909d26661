import { PasswordResetForm, PasswordResetRequest } from '@keystone/react';
import { useState } from 'react';
import { navigate, useLocation } from '../router.tsx';

/** "Forgot your password?": the address, then the mailed code and a new password (or the mail's link token). */
export function ResetPasswordPage() {
  const token = useLocation().search.get('token');
  const [email, setEmail] = useState<string | null>(null);
  // Every session has ended: sign in with the new password.
  const done = () => navigate('/sign-in?reset=1');
  if (token) return <PasswordResetForm token={token} onSuccess={done} />;
  if (email === null)
    return <PasswordResetRequest onSuccess={setEmail} onBack={() => navigate('/sign-in')} />;
  return <PasswordResetForm email={email} onSuccess={done} />;
}
