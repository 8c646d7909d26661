import { useCallback, useMemo, useState } from 'react';
import { type MfaChallenge, useKeystoneAuth } from '../core/keystone-auth-context.ts';
import { type KeystoneUser, useKeystone } from '../core/keystone-context.ts';
import { answered, type TokenAnswer } from '../session/session-manager.ts';

/** How a first factor ended: signed in, or waiting for a code from the authenticator app (verifyMfa). */
export type SignInResult =
  | { status: 'signed_in' }
  | { status: 'mfa_required'; methods: MfaChallenge['methods'] };

export type SignupData = { email: string; password: string; name?: string };

type FirstFactorAnswer =
  | (TokenAnswer & { status: 'signed_in' })
  | { status: 'mfa_required'; mfa_token: string; methods: MfaChallenge['methods']; expires_in: number };

export type UseAuth = {
  user: KeystoneUser | null;
  isAuthenticated: boolean;
  /** True while the session is being restored or one of these calls is under way. */
  isLoading: boolean;
  /** The last call's error (a KeystoneApiError for server problems), or null. Calls also throw it. */
  error: unknown;
  login(email: string, password: string): Promise<SignInResult>;
  /** Finishes a sign-in that answered mfa_required, with an authenticator code or a recovery code. */
  verifyMfa(code: string, method?: 'totp' | 'recovery_code'): Promise<void>;
  /** The sign-in waiting for its second factor, or null. */
  mfaChallenge: MfaChallenge | null;
  cancelMfa(): void;
  /** Mails a sign-in code (only existing accounts get one; the answer is the same). */
  requestSignInCode(email: string): Promise<void>;
  signInWithCode(email: string, code: string): Promise<SignInResult>;
  logout(): Promise<void>;
  /** Creates the account; `next` says whether to sign in or verify the address first. */
  signup(data: SignupData): Promise<{ next: 'sign_in' | 'verify_email' }>;
  verifyEmail(email: string, code: string): Promise<void>;
  /** Mails a new verification code (only to an unverified account; the answer is the same). */
  resendVerification(email: string): Promise<void>;
  requestPasswordReset(email: string): Promise<void>;
  /** Sets a new password with the mailed code (and address) or the link's token; every session ends. */
  resetPassword(
    proof: { email: string; code: string } | { token: string },
    newPassword: string,
  ): Promise<void>;
  refreshToken(): Promise<void>;
  updateProfile(data: { name: string | null }): Promise<void>;
};

/** The signed-in user and every sign-in, sign-up and sign-out action. */
export function useAuth(): UseAuth {
  const { client, session, reloadSession } = useKeystone();
  const auth = useKeystoneAuth();
  const [running, setRunning] = useState(0);
  const [error, setError] = useState<unknown>(null);

  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T> => {
    setRunning((n) => n + 1);
    setError(null);
    try {
      return await work();
    } catch (caught) {
      setError(caught);
      throw caught;
    } finally {
      setRunning((n) => n - 1);
    }
  }, []);

  const finishFirstFactor = useCallback(
    async (answer: FirstFactorAnswer): Promise<SignInResult> => {
      if (answer.status === 'mfa_required') {
        const expiresAt = Date.now() + answer.expires_in * 1000;
        auth.setMfaChallenge({ mfaToken: answer.mfa_token, methods: answer.methods, expiresAt });
        return { status: 'mfa_required', methods: answer.methods };
      }
      await auth.signIn(answer);
      return { status: 'signed_in' };
    },
    [auth],
  );

  const actions = useMemo(
    () => ({
      login: (email: string, password: string) =>
        run(async () => {
          const { data } = await client.POST('/v1/auth/sign-in', { body: { email, password } });
          return finishFirstFactor(answered(data));
        }),
      verifyMfa: (code: string, method: 'totp' | 'recovery_code' = 'totp') =>
        run(async () => {
          const challenge = auth.mfaChallenge;
          if (!challenge) throw new Error('No sign-in is waiting for a second factor');
          const body =
            method === 'totp'
              ? { mfa_token: challenge.mfaToken, code }
              : { mfa_token: challenge.mfaToken, recovery_code: code };
          const { data } = await client.POST('/v1/auth/mfa/verify', { body });
          await auth.signIn(answered(data));
        }),
      cancelMfa: () => auth.setMfaChallenge(null),
      requestSignInCode: (email: string) =>
        run(async () => {
          await client.POST('/v1/auth/passwordless', { body: { email } });
        }),
      signInWithCode: (email: string, code: string) =>
        run(async () => {
          const { data } = await client.POST('/v1/auth/passwordless/verify', { body: { email, code } });
          return finishFirstFactor(answered(data));
        }),
      logout: () => run(() => auth.signOut()),
      signup: (data: SignupData) =>
        run(async () => {
          const { data: answer } = await client.POST('/v1/auth/sign-up', { body: data });
          return { next: answered(answer).next };
        }),
      verifyEmail: (email: string, code: string) =>
        run(async () => {
          await client.POST('/v1/auth/verify-email', { body: { email, code } });
          if (session.status === 'signed_in') await reloadSession();
        }),
      resendVerification: (email: string) =>
        run(async () => {
          await client.POST('/v1/auth/verify-email/resend', { body: { email } });
        }),
      requestPasswordReset: (email: string) =>
        run(async () => {
          await client.POST('/v1/auth/password-reset', { body: { email } });
        }),
      resetPassword: (proof: { email: string; code: string } | { token: string }, newPassword: string) =>
        run(async () => {
          await client.POST('/v1/auth/password-reset/confirm', {
            body: { ...proof, new_password: newPassword },
          });
        }),
      refreshToken: () => run(() => auth.refreshSession()),
      updateProfile: (data: { name: string | null }) =>
        run(async () => {
          await client.PATCH('/v1/me', { body: data });
          await reloadSession();
        }),
    }),
    [client, auth, run, finishFirstFactor, reloadSession, session.status],
  );

  return {
    user: session.user,
    isAuthenticated: session.status === 'signed_in',
    isLoading: session.status === 'loading' || running > 0,
    error,
    mfaChallenge: auth.mfaChallenge,
    ...actions,
  };
}

/** The signed-in user (null when signed out) and a way to re-read it. */
export function useUser(): { user: KeystoneUser | null; isLoading: boolean; reload(): Promise<void> } {
  const { session, reloadSession } = useKeystone();
  return { user: session.user, isLoading: session.status === 'loading', reload: reloadSession };
}
