// @keystone/react: components and hooks for customers' apps, on @keystone/sdk.
export {
  type KeystoneContextValue,
  type KeystoneSession,
  type KeystoneUser,
  type SessionStatus,
  type Translate,
  useKeystone,
} from './core/keystone-context.ts';
export { ProblemMessage, problemText } from './core/problem-message.tsx';
