import { ProblemMessage, useAuth } from '@keystone/react';
import { type FormEvent, useState } from 'react';
import { Link, navigate, useLocation } from '../router.tsx';

/**
 * For someone who signed up but left before entering the mailed code: sign-in
 * then answers "email not verified". A new code, then the code, from useAuth().
 */
export function VerifyEmailPage() {
  const { verifyEmail, resendVerification } = useAuth();
  const [email, setEmail] = useState(useLocation().search.get('email') ?? '');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function attempt(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const sendCode = () => attempt(() => resendVerification(email).then(() => setSentTo(email)));
  const verify = (event: FormEvent) => {
    event.preventDefault();
    void attempt(() => verifyEmail(email, code).then(() => navigate('/sign-in?verified=1')));
  };

  return (
    <section>
      <h1>Verify your email</h1>
      <form className="app-form" onSubmit={verify}>
        <label htmlFor="verify-email">Email</label>
        <input
          id="verify-email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <button
          className="app-button app-button--quiet"
          type="button"
          onClick={sendCode}
          disabled={busy || !email}
        >
          Email me a new code
        </button>
        {sentTo && <p role="status">If {sentTo} still needs verifying, a new code is on its way.</p>}
        <label htmlFor="verify-code">Code from the email</label>
        <input
          id="verify-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
        <ProblemMessage error={error} />
        <button className="app-button" type="submit" disabled={busy}>
          Verify
        </button>
      </form>
      <p>
        Verified already? <Link to="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}
