// @keystone/react: components and hooks for customers' apps, on @keystone/sdk.

export { LoginForm, type LoginFormProps } from './auth/login-form.tsx';
export { PasswordResetForm, type PasswordResetFormProps } from './auth/password-reset-form.tsx';
export { PasswordResetRequest, type PasswordResetRequestProps } from './auth/password-reset-request.tsx';
export { SignupForm, type SignupFormProps } from './auth/signup-form.tsx';
export { type SignInResult, type SignupData, type UseAuth, useAuth, useUser } from './auth/use-auth.ts';
export {
  KeystoneAuthContext,
  type KeystoneAuthContextValue,
  type MfaChallenge,
  useKeystoneAuth,
} from './core/keystone-auth-context.ts';
export {
  type KeystoneContextValue,
  type KeystoneSession,
  type KeystoneUser,
  type SessionStatus,
  type Translate,
  useKeystone,
} from './core/keystone-context.ts';
export {
  KeystoneProvider,
  type KeystoneProviderProps,
  type KeystoneTheme,
} from './core/keystone-provider.tsx';
export { ProblemMessage, problemText } from './core/problem-message.tsx';
export { UserProfile, type UserProfileProps, type UserProfileSection } from './profile/user-profile.tsx';
export { SessionManager, type SessionManagerOptions, type TokenAnswer } from './session/session-manager.ts';
export type { StorageMode, TokenSet } from './session/token-store.ts';
