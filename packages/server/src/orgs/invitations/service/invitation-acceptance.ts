import type { IdentityService } from '../../../identity/index.ts';
import type { ClientContext } from '../../../identity/service/request-context.ts';
import type { SignInResult } from '../../../identity/service/sign-in-flow.ts';
import { appendAuditEntry } from '../../../platform/audit/index.ts';
import { secretLookup, verifySecret } from '../../../platform/crypto/secret-hash.ts';
import type { Database } from '../../../platform/db/database.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findMembership, insertMembership } from '../../store/membership-store.ts';
import { findOrganization } from '../../store/organization-store.ts';
import { INVITATION_TOKEN_KIND, maskEmail, statusOf, unusableCode } from '../engine/invitation-rules.ts';
import '../errors.ts';
import { findInvitationByLookup } from '../store/invitation-door.ts';
import { type InvitationRow, lockInvitation, markInvitationAccepted } from '../store/invitation-store.ts';
import { invitedRole } from './invitation-roles.ts';

export type InvitationPreview = {
  organization: { id: string; name: string; slug: string; logoUrl: string | null };
  role: { key: string; name: string };
  emailHint: string;
  expiresAt: Date;
};

export type Joined = { orgId: string; role: string };

/**
 * What a token holder does with an invitation: look at it, accept it signed in,
 * or accept it as a new user (sign-up and join in one step). The token finds its
 * row through the lookup door; everything after happens in the organization's tenant.
 */
export function createInvitationAcceptance(deps: {
  database: Database;
  identity: IdentityService;
  now?: () => Date;
}) {
  const { database, identity } = deps;
  const now = deps.now ?? (() => new Date());

  /** The invitation a token opens, if it is still usable; each dead end has its own problem code. */
  async function usableInvitation(token: string): Promise<InvitationRow> {
    const lookup = secretLookup(INVITATION_TOKEN_KIND, token);
    const row = lookup ? await findInvitationByLookup(database, lookup) : undefined;
    if (!row || !verifySecret(token, row.token_hash)) {
      throw new AppError('invitation_not_found', {
        detail: 'No invitation has this token (a resent invitation’s old link no longer works)',
      });
    }
    const status = statusOf(row, now());
    if (status !== 'pending') throw new AppError(unusableCode(status));
    return row;
  }

  /**
   * Joins the user with the invited role and marks the invitation accepted, in one
   * transaction of the organization, on the locked row: a resend, revocation or
   * second acceptance in between is seen here, so the token works once.
   */
  async function join(found: InvitationRow, userId: string, client: ClientContext): Promise<Joined> {
    const audit = { ...client.audit, actor: { type: 'user' as const, id: userId } };
    return withTenant(database, found.org_id, async (scope) => {
      const row = await lockInvitation(scope, found.id);
      if (!row || row.lookup !== found.lookup) throw new AppError('invitation_not_found');
      const status = statusOf(row, now());
      if (status !== 'pending') throw new AppError(unusableCode(status));
      if (await findMembership(scope, userId)) {
        throw new AppError('already_a_member', { detail: 'You are a member of this organization already' });
      }
      const role = await invitedRole(scope, row.role_key);
      await insertMembership(scope, { user_id: userId, role_key: role.key });
      await markInvitationAccepted(scope, row.id, { userId, at: now() });
      await appendAuditEntry(scope, {
        ...audit,
        action: 'invitation.accepted',
        target: { type: 'invitation', id: row.id },
        metadata: { role: role.key },
      });
      await appendAuditEntry(scope, {
        ...audit,
        action: 'member.added',
        target: { type: 'user', id: userId },
        metadata: { role: role.key, invitation_id: row.id },
      });
      return { orgId: row.org_id, role: role.key };
    });
  }

  return {
    /** What the invitation is for, so a sign-up page can say "You were invited to Acme". */
    async preview(token: string): Promise<InvitationPreview> {
      const row = await usableInvitation(token);
      return withTenant(database, row.org_id, async (scope) => {
        const organization = await findOrganization(scope);
        if (!organization) throw new AppError('invitation_not_found');
        const role = await invitedRole(scope, row.role_key).catch(() => ({
          key: row.role_key,
          name: row.role_key,
        }));
        return {
          organization: {
            id: organization.org_id,
            name: organization.name,
            slug: organization.slug,
            logoUrl: organization.logo_url,
          },
          role: { key: role.key, name: role.name },
          emailHint: maskEmail(row.email),
          expiresAt: row.expires_at,
        };
      });
    },

    /** A signed-in user accepts: their address must be the invited one (normalized, case-insensitive). */
    async accept(input: { token: string; userId: string; client: ClientContext }): Promise<Joined> {
      const row = await usableInvitation(input.token);
      const user = await identity.requireUser(input.userId);
      if (user.email_normalized !== row.email_normalized) {
        throw new AppError('invitation_email_mismatch', {
          detail: `This invitation was sent to ${maskEmail(row.email)}; sign in with that address to accept it`,
        });
      }
      return join(row, user.id, input.client);
    },

    /**
     * A new user accepts: an account for the invited address (verified: the token proves the
     * mailbox), the membership, then a session through identity's sign-in flow. An address that
     * has an account answers invitation_account_exists (sign in, then accept): see
     * signUpWithProvenEmail for why this tells the token holder nothing its mailbox would not.
     */
    async acceptAsNewUser(input: {
      token: string;
      password: string;
      name?: string | undefined;
      client: ClientContext;
    }): Promise<{ joined: Joined; signIn: SignInResult }> {
      const row = await usableInvitation(input.token);
      const signedUp = await identity.signUpWithProvenEmail({
        email: row.email,
        password: input.password,
        name: input.name,
        provenBy: 'invitation',
        client: input.client,
      });
      if (signedUp.status === 'exists') {
        throw new AppError('invitation_account_exists', {
          detail: 'Sign in with this address, then accept with POST /v1/invitations/accept',
        });
      }
      const joined = await join(row, signedUp.user.id, input.client);
      const signIn = await identity.flow.completeFirstFactor({
        user: signedUp.user,
        authMethods: ['pwd'],
        client: input.client,
      });
      return { joined, signIn };
    },
  };
}
