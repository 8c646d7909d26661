import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import { confirmEmailChange, requestEmailChange } from './email-change.ts';
import { type EmailLinkKind, openEmailLink } from './email-links.ts';
import { resendVerification, verifyEmail } from './email-verification.ts';
import type { EmailedProof, MailLog } from './emailed-proof.ts';
import { changePassword } from './password-change.ts';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.ts';
import { requestSignInCode, signInFromBrowserLink, signInWithEmail } from './passwordless.ts';
import type { ClientContext } from './request-context.ts';
import type { SignInFlow } from './sign-in-flow.ts';

export type EmailFlows = ReturnType<typeof createEmailFlows>;

type Requester = { client: ClientContext; log: MailLog };

/**
 * Identity's emailed flows: verification, password reset and change, email
 * change, sign-in by code or link, and the pages the links open. The facade
 * (identity-service.ts) exposes them as `identity.emails`.
 */
export function createEmailFlows(deps: {
  database: Database;
  hasher: PasswordHasher;
  mailer: Mailer;
  config: Config;
  flow: SignInFlow;
}) {
  const { database } = deps;
  return {
    verifyEmail: (input: { proof: EmailedProof; client: ClientContext }) => verifyEmail(database, input),
    resendVerification: (input: { email: string } & Requester) => resendVerification(deps, input),
    requestPasswordReset: (input: { email: string } & Requester) => requestPasswordReset(deps, input),
    confirmPasswordReset: (input: { proof: EmailedProof; newPassword: string; client: ClientContext }) =>
      confirmPasswordReset(deps, input),
    changePassword: (input: {
      userId: string;
      sessionId: string;
      currentPassword: string;
      newPassword: string;
      client: ClientContext;
    }) => changePassword(deps, input),
    requestEmailChange: (
      input: {
        userId: string;
        sessionId: string;
        newEmail: string;
        password: string | undefined;
      } & Requester,
    ) => requestEmailChange(deps, input),
    confirmEmailChange: (input: {
      userId?: string;
      proof: { code: string } | { token: string };
      client: ClientContext;
    }) => confirmEmailChange(database, input),
    requestSignInCode: (input: { email: string } & Requester) => requestSignInCode(deps, input),
    signInWithEmail: (input: { proof: EmailedProof; client: ClientContext }) => signInWithEmail(deps, input),
    signInFromBrowserLink: (input: { token: string; client: ClientContext }) =>
      signInFromBrowserLink(deps, input),
    openEmailLink: (kind: EmailLinkKind, token: string) => openEmailLink(database, kind, token),
  };
}
