import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import '../errors.ts';
import { findSession } from '../store/session-store.ts';

/**
 * How recent a sign-in must be for actions that weaken an account (turning MFA off,
 * new recovery codes): a stolen session that is older cannot do them.
 */
export const FRESH_SIGN_IN_SECONDS = 5 * 60;

/**
 * Whether the session was signed in (created: refreshing never makes it younger)
 * within FRESH_SIGN_IN_SECONDS, and is still live and the user's.
 */
export async function isFreshSignIn(
  database: Pick<Database, 'kysely'>,
  input: { userId: string; sessionId: string; now?: Date },
): Promise<boolean> {
  const session = await findSession(database.kysely, input.sessionId);
  const now = input.now ?? new Date();
  return (
    session !== undefined &&
    session.user_id === input.userId &&
    session.revoked_at === null &&
    session.expires_at > now &&
    now.getTime() - session.created_at.getTime() <= FRESH_SIGN_IN_SECONDS * 1000
  );
}

export function freshSignInRequired(): AppError {
  return new AppError('fresh_sign_in_required', {
    detail: `Sign in again (this needs a sign-in from the last ${FRESH_SIGN_IN_SECONDS / 60} minutes), then retry`,
  });
}
