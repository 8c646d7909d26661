import { normalizeEmail } from '../../../identity/engine/email-address.ts';
import type { IdentityService } from '../../../identity/index.ts';
import { appendAuditEntry } from '../../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../../platform/audit/service/request-audit-context.ts';
import type { Config } from '../../../platform/config/config.ts';
import { issueSecret } from '../../../platform/crypto/secret-hash.ts';
import type { Database } from '../../../platform/db/database.ts';
import { type TenantScope, withTenant } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids.ts';
import type { Mailer } from '../../../platform/mail/mailer.ts';
import type { OrgAccess } from '../../service/org-access.ts';
import { listMemberUserIds } from '../../store/membership-store.ts';
import {
  DEFAULT_EXPIRY_SECONDS,
  decodeInvitationCursor,
  encodeInvitationCursor,
  INVITATION_TOKEN_KIND,
  type InvitationStatus,
  statusOf,
  unusableCode,
} from '../engine/invitation-rules.ts';
import '../errors.ts';
import {
  insertInvitation,
  listInvitations,
  lockInvitation,
  lockOpenInvitationTo,
  replaceInvitationToken,
  revokeInvitation,
} from '../store/invitation-store.ts';
import { invitationMail } from './invitation-mail.ts';
import { assertMayInviteAs, invitedRole } from './invitation-roles.ts';
import { type InvitationView, invitationView } from './invitation-view.ts';

const UNIQUE_VIOLATION = '23505';

export type InvitationDeps = {
  database: Database;
  identity: IdentityService;
  mailer: Mailer;
  config: Pick<Config, 'invitationUrl'>;
  now?: () => Date;
};

/**
 * An organization's invitations, as its admins manage them: invite (mailed),
 * list, revoke, resend. Each change is audited in the organization's chain in
 * its transaction; mail goes out after the commit (PGlite has one connection).
 */
export function createInvitationAdmin(deps: InvitationDeps) {
  const { database, identity, mailer, config } = deps;
  const now = deps.now ?? (() => new Date());
  const orgOf = (access: OrgAccess) => access.organization.org_id;
  const target = (id: string) => ({ type: 'invitation', id });

  async function inviterName(access: OrgAccess): Promise<string | null> {
    if (access.principal.kind !== 'user') return null;
    const [profile] = await identity.publicProfiles([access.principal.id]);
    return profile ? (profile.name ?? profile.email) : null;
  }

  /** Whether the address belongs to a member already (profiles live in identity: read outside the tenant). */
  async function isMember(orgId: string, emailNormalized: string): Promise<boolean> {
    const memberIds = await withTenant(database, orgId, listMemberUserIds);
    const profiles = await identity.publicProfiles(memberIds);
    return profiles.some((profile) => normalizeEmail(profile.email) === emailNormalized);
  }

  async function mail(access: OrgAccess, row: InvitationView, roleName: string, token: string) {
    await mailer.send(
      invitationMail(config, {
        to: row.email,
        organizationName: access.organization.name,
        roleName,
        inviterName: await inviterName(access),
        token,
        expiresAt: row.expiresAt,
      }),
    );
  }

  async function lockUsable(scope: TenantScope, id: string) {
    const row = await lockInvitation(scope, id);
    if (!row) throw new AppError('not_found', { detail: 'No such invitation in this organization' });
    const status = statusOf(row, now());
    if (status === 'accepted' || status === 'revoked') throw new AppError(unusableCode(status));
    return row;
  }

  return {
    /**
     * Invites an address with a role. An address with an open invitation here gets a new one:
     * the open one is revoked (its link dies) and the new one replaces it, so re-inviting
     * refreshes the role, the expiry and the link. A member already is refused.
     */
    async create(input: {
      access: OrgAccess;
      email: string;
      role: string;
      expiresInSeconds?: number | undefined;
      audit: RequestAuditContext;
    }): Promise<InvitationView> {
      const orgId = orgOf(input.access);
      const email = input.email.trim();
      const emailNormalized = normalizeEmail(email);
      if (await isMember(orgId, emailNormalized)) {
        throw new AppError('already_a_member', { detail: 'This address belongs to a member already' });
      }
      const secret = issueSecret(INVITATION_TOKEN_KIND);
      const at = now();
      const expiresAt = new Date(at.getTime() + (input.expiresInSeconds ?? DEFAULT_EXPIRY_SECONDS) * 1000);
      const created = await withTenant(database, orgId, async (scope) => {
        const role = await invitedRole(scope, input.role);
        assertMayInviteAs(input.access, role);
        const open = await lockOpenInvitationTo(scope, emailNormalized);
        if (open) {
          await revokeInvitation(scope, open.id, at);
          await appendAuditEntry(scope, {
            ...input.audit,
            action: 'invitation.revoked',
            target: target(open.id),
            metadata: { reason: 'replaced' },
          });
        }
        const row = await insertInvitation(scope, {
          id: newId('inv'),
          email,
          email_normalized: emailNormalized,
          role_key: role.key,
          lookup: secret.lookup,
          token_hash: secret.hash,
          invited_by: input.access.principal.id,
          expires_at: expiresAt,
        });
        await appendAuditEntry(scope, {
          ...input.audit,
          action: 'invitation.created',
          target: target(row.id),
          metadata: {
            role: role.key,
            expires_at: expiresAt.toISOString(),
            ...(open ? { replaces: open.id } : {}),
          },
        });
        return { view: invitationView(row, at), roleName: role.name };
      }).catch((error: unknown) => {
        if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) {
          throw new AppError('conflict', {
            detail: 'Another invitation to this address was made at the same moment; retry',
          });
        }
        throw error;
      });
      // After the commit. If mail fails (503 mail_unavailable) the invitation stands: resend it.
      await mail(input.access, created.view, created.roleName, secret.plaintext);
      return created.view;
    },

    /** A page of the organization's invitations, newest first; only pending ones unless `status` says. */
    async list(input: {
      orgId: string;
      status: InvitationStatus | 'all';
      cursor?: string | undefined;
      limit: number;
    }) {
      const after = input.cursor === undefined ? undefined : decodeInvitationCursor(input.cursor);
      if (input.cursor !== undefined && !after) {
        throw new AppError('validation_failed', {
          detail: 'cursor is not valid',
          fields: [{ field: 'cursor', location: 'query', message: 'is not a cursor from this list' }],
        });
      }
      const at = now();
      const rows = await withTenant(database, input.orgId, (scope) =>
        listInvitations(scope, {
          status: input.status === 'all' ? undefined : input.status,
          after,
          limit: input.limit + 1,
          now: at,
        }),
      );
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        invitations: page.map((row) => invitationView(row, at)),
        nextCursor:
          rows.length > input.limit && last
            ? encodeInvitationCursor({ createdAt: last.created_at, id: last.id })
            : null,
      };
    },

    /**
     * Revokes an open (pending or expired) invitation: its link answers invitation_revoked.
     * Revoking a revoked one changes nothing; an accepted one is invitation_used (remove the member instead).
     * Anyone with members:invite may revoke any invitation: revoking grants nothing.
     */
    async revoke(input: { access: OrgAccess; invitationId: string; audit: RequestAuditContext }) {
      await withTenant(database, orgOf(input.access), async (scope) => {
        const row = await lockInvitation(scope, input.invitationId);
        if (!row) throw new AppError('not_found', { detail: 'No such invitation in this organization' });
        if (row.revoked_at) return;
        if (row.accepted_at) throw new AppError('invitation_used');
        await revokeInvitation(scope, row.id, now());
        await appendAuditEntry(scope, {
          ...input.audit,
          action: 'invitation.revoked',
          target: target(row.id),
          metadata: { role: row.role_key },
        });
      });
    },

    /**
     * A new token and expiry for an open invitation, mailed again; the old link dies at once.
     * Resending hands out the role again, so the inviting rule applies to the one resending.
     */
    async resend(input: {
      access: OrgAccess;
      invitationId: string;
      expiresInSeconds?: number | undefined;
      audit: RequestAuditContext;
    }): Promise<InvitationView> {
      const secret = issueSecret(INVITATION_TOKEN_KIND);
      const at = now();
      const expiresAt = new Date(at.getTime() + (input.expiresInSeconds ?? DEFAULT_EXPIRY_SECONDS) * 1000);
      const resent = await withTenant(database, orgOf(input.access), async (scope) => {
        const open = await lockUsable(scope, input.invitationId);
        const role = await invitedRole(scope, open.role_key);
        assertMayInviteAs(input.access, role);
        const row = await replaceInvitationToken(scope, open.id, {
          lookup: secret.lookup,
          token_hash: secret.hash,
          expires_at: expiresAt,
        });
        await appendAuditEntry(scope, {
          ...input.audit,
          action: 'invitation.resent',
          target: target(row.id),
          metadata: { role: row.role_key, expires_at: expiresAt.toISOString() },
        });
        return { view: invitationView(row, at), roleName: role.name };
      });
      await mail(input.access, resent.view, resent.roleName, secret.plaintext);
      return resent.view;
    },
  };
}
