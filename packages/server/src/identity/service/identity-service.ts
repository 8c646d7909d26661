import type { Config } from '../../platform/config/config.ts';
import type { EnvelopeEncryption } from '../../platform/crypto/envelope-encryption.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { PersonalDataRegistry } from '../../platform/gdpr/index.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { isErasedAccount } from '../gdpr/account-erasure-store.ts';
import { identityAccountDirectory, identityPersonalData } from '../gdpr/identity-personal-data.ts';
import { createMfaService } from '../mfa/service/mfa-service.ts';
import { createPasswordHasher, type PasswordHasher } from '../passwords/password-hasher.ts';
import { userHasMfa } from '../store/mfa-challenge-store.ts';
import { findPublicProfiles, findUserById, type UserRow, updateUser } from '../store/user-store.ts';
import type { TokenService } from '../tokens/token-service.ts';
import { createEmailFlows } from './email-flows.ts';
import { signInWithPassword } from './password-sign-in.ts';
import type { ClientContext } from './request-context.ts';
import { endAllSessions, endSession, listSessions } from './session-management.ts';
import { createSessionService, type OrgRoleResolver } from './session-service.ts';
import { createSignInFlow } from './sign-in-flow.ts';
import { signUp, signUpWithProvenEmail } from './sign-up.ts';

export type IdentityDeps = {
  config: Config;
  database: Database;
  encryption: EnvelopeEncryption;
  mailer: Mailer;
  tokens: TokenService;
  hasher?: PasswordHasher;
  /** Where identity registers what it holds about users (GDPR export and erasure). */
  personalData?: PersonalDataRegistry;
};

export type IdentityService = ReturnType<typeof createIdentityService>;

/** Identity's service: what routes (and later other modules) call. It owns transactions and rules. */
export function createIdentityService(deps: IdentityDeps) {
  const { config, database, mailer } = deps;
  const hasher = deps.hasher ?? createPasswordHasher();
  const sessions = createSessionService({ database, tokens: deps.tokens, config });
  const flow = createSignInFlow({ database, sessions });
  deps.personalData?.register(identityPersonalData(database));

  async function requireUser(userId: string): Promise<UserRow> {
    const user = await findUserById(database.kysely, userId);
    // A token outliving its user (deleted or erased meanwhile) is simply no longer valid.
    if (!user || isErasedAccount(user))
      throw new AppError('unauthenticated', { detail: 'This account no longer exists' });
    return user;
  }

  return {
    /** For routes that need settings (token delivery reads the cookie and CORS settings). */
    config,
    hasher,
    sessions,
    flow,
    signUp: (input: { email: string; password: string; name?: string | undefined; client: ClientContext }) =>
      signUp({ database, hasher, mailer, config }, input),
    /**
     * For modules that proved the address themselves (an invitation's emailed token): a verified
     * account, or `exists`; no mail. The caller signs the new user in with `flow.completeFirstFactor`.
     */
    signUpWithProvenEmail: (input: {
      email: string;
      password: string;
      name?: string | undefined;
      provenBy: string;
      client: ClientContext;
    }) => signUpWithProvenEmail({ database, hasher }, input),
    signInWithPassword: (input: { email: string; password: string; client: ClientContext }) =>
      signInWithPassword({ database, hasher, config, flow }, input),
    refresh: (refreshToken: string, client: ClientContext) => sessions.refresh(refreshToken, client),
    signOut: (input: { userId: string; sessionId: string; client: ClientContext }) =>
      endSession(database, { ...input, reason: 'signed_out' }),
    revokeSession: (input: { userId: string; sessionId: string; client: ClientContext }) =>
      endSession(database, { ...input, reason: 'revoked' }),
    signOutEverywhere: (input: { userId: string; client: ClientContext }) =>
      endAllSessions(database, { ...input, reason: 'signed_out_everywhere' }),
    listSessions: (userId: string) => listSessions(database, userId),
    mfaEnabled: (userId: string) => userHasMfa(database.kysely, userId),
    /** TOTP enrollment, the second sign-in step, recovery codes (mfa/service/). */
    mfa: createMfaService({ database, encryption: deps.encryption, flow }),
    /** Verification, password reset and change, email change, sign-in by email (email-flows.ts). */
    emails: createEmailFlows({ database, hasher, mailer, config, flow }),
    requireUser,
    /** For the personal-data service: find a user, lock an account out before erasing it. */
    accounts: identityAccountDirectory(database),
    /** For the organizations module: how tokens learn a user's role in their active organization. */
    setOrgRoleResolver: (resolver: OrgRoleResolver) => sessions.setOrgRoleResolver(resolver),
    /**
     * Switches the session's active organization (null: none) and answers a new access token
     * whose org_id and org_role claims name it. The caller must have checked membership.
     */
    switchActiveOrganization: (input: { userId: string; sessionId: string; orgId: string | null }) =>
      sessions.setActiveOrganization(input),
    /** Public profiles (id, email, name) of the given users, for other modules' member lists. */
    publicProfiles: (userIds: readonly string[]) => findPublicProfiles(database.kysely, userIds),
    async updateProfile(userId: string, changes: { name?: string | null | undefined }): Promise<UserRow> {
      await requireUser(userId);
      const updated = await updateUser(database.kysely, userId, {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
      });
      if (!updated) throw new AppError('unauthenticated', { detail: 'This account no longer exists' });
      return updated;
    },
  };
}
