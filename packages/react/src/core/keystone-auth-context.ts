import { createContext, useContext } from 'react';
import type { TokenAnswer } from '../session/session-manager.ts';

/** A sign-in that waits for its second factor: finish it at /v1/auth/mfa/verify with this token. */
export type MfaChallenge = {
  mfaToken: string;
  methods: ('totp' | 'recovery_code')[];
  /** Epoch milliseconds; after it the user signs in again. */
  expiresAt: number;
};

/**
 * What KeystoneProvider offers the sign-in hooks and components beside
 * KeystoneContextValue (kept apart so a test can stand in for the provider with
 * the smaller contract alone).
 */
export type KeystoneAuthContextValue = {
  /** Starts the session a sign-in answered (password, MFA or emailed code). */
  signIn(answer: TokenAnswer): Promise<void>;
  /** Ends the session on the server, here and in the user's other tabs. */
  signOut(): Promise<void>;
  /** Exchanges the refresh token for a new pair now (the provider also does it before expiry). */
  refreshSession(): Promise<void>;
  /** A sign-in waiting for its second factor, kept by the provider so any component can finish it. */
  mfaChallenge: MfaChallenge | null;
  setMfaChallenge(challenge: MfaChallenge | null): void;
};

export const KeystoneAuthContext = createContext<KeystoneAuthContextValue | null>(null);

export function useKeystoneAuth(): KeystoneAuthContextValue {
  const value = useContext(KeystoneAuthContext);
  if (!value) throw new Error('Keystone sign-in hooks and components must be used inside <KeystoneProvider>');
  return value;
}
