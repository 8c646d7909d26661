import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { userHasMfa } from '../store/mfa-challenge-store.ts';
import { requestAccountCode } from './account-code-request.ts';
import { type CodeRequestAnswer, markEmailVerified } from './email-verification.ts';
import {
  type EmailedProof,
  invalidCode,
  type MailLog,
  peekLinkToken,
  redeemEmailedProof,
} from './emailed-proof.ts';
import { signInCodeMail } from './identity-mail.ts';
import type { ClientContext } from './request-context.ts';
import type { SignInFlow, SignInResult } from './sign-in-flow.ts';

/**
 * Signing in with a code or link mailed to the address, for accounts that
 * exist (an unknown address gets the same answer and no mail: no account is
 * made here; sign-up makes accounts).
 *
 * amr (RFC 8176): the typed code is ['otp', 'email'], a one-time code that came
 * by email; the link is ['email'] ('email' is not in the RFC's registry; it
 * names the channel). Both go through the sign-in flow, so a user with a second
 * factor gets an MFA challenge, never a session.
 */
export function requestSignInCode(
  deps: { database: Database; mailer: Mailer; config: Config },
  input: { email: string; client: ClientContext; log: MailLog },
): Promise<CodeRequestAnswer> {
  return requestAccountCode(deps, input, {
    purpose: 'sign_in',
    action: 'user.sign_in_code_requested',
    mail: signInCodeMail,
  });
}

/** The first factor by emailed code or link; proving the inbox verifies the address too. */
export async function signInWithEmail(
  deps: { database: Database; flow: SignInFlow },
  input: { proof: EmailedProof; client: ClientContext },
): Promise<SignInResult> {
  const proved = await withInstanceTenant(deps.database, async (scope) => {
    const outcome = await redeemEmailedProof(scope, 'sign_in', input.proof);
    if (!outcome.ok) {
      await appendAuditEntry(scope, {
        ...input.client.audit,
        action: 'user.sign_in_failed',
        target: outcome.userId ? { type: 'user', id: outcome.userId } : null,
        metadata: { method: outcome.method === 'code' ? 'email_code' : 'email_link' },
      });
      return undefined;
    }
    const user = await markEmailVerified(scope, outcome.user, { client: input.client, via: 'sign_in' });
    return { user, method: outcome.method };
  });
  if (!proved) throw invalidCode();
  // After the commit: the flow opens its own transaction (and signs tokens outside any).
  return deps.flow.completeFirstFactor({
    user: proved.user,
    authMethods: proved.method === 'code' ? ['otp', 'email'] : ['email'],
    client: input.client,
  });
}

/**
 * A sign-in link opened in a browser. The browser cannot hand tokens to an
 * app, and an MFA challenge started there could not be finished there: for a
 * user with a second factor the link is left unused (the code in the same mail
 * still works in the app). Anyone else goes through the flow like the JSON route.
 */
export async function signInFromBrowserLink(
  deps: { database: Database; flow: SignInFlow },
  input: { token: string; client: ClientContext },
): Promise<SignInResult | { status: 'finish_in_app' }> {
  const open = await peekLinkToken(deps.database.kysely, 'sign_in', input.token);
  if (open && (await userHasMfa(deps.database.kysely, open.user.id))) return { status: 'finish_in_app' };
  // An invalid token fails (and is audited) in signInWithEmail like on the JSON route.
  return signInWithEmail(deps, { proof: { token: input.token }, client: input.client });
}
