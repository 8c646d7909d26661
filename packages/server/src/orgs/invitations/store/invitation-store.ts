import { type Selectable, sql } from 'kysely';
import type { TenantScope } from '../../../platform/db/tenant-scope.ts';
import type { OrgInvitationsTable } from '../../store/tables.ts';
import type { InvitationCursor, InvitationStatus } from '../engine/invitation-rules.ts';

export type InvitationRow = Selectable<OrgInvitationsTable>;

export type NewInvitation = {
  id: string;
  email: string;
  email_normalized: string;
  role_key: string;
  lookup: string;
  token_hash: string;
  invited_by: string | null;
  expires_at: Date;
};

export async function insertInvitation(
  scope: TenantScope,
  invitation: NewInvitation,
): Promise<InvitationRow> {
  return scope.db
    .insertInto('org_invitations')
    .values({ org_id: scope.orgId, ...invitation })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The open (neither accepted nor revoked, maybe expired) invitation to an address, locked. */
export async function lockOpenInvitationTo(
  scope: TenantScope,
  emailNormalized: string,
): Promise<InvitationRow | undefined> {
  return scope.db
    .selectFrom('org_invitations')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .where('email_normalized', '=', emailNormalized)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

/** One invitation, locked until the transaction ends (accept, revoke and resend serialize on it). */
export async function lockInvitation(scope: TenantScope, id: string): Promise<InvitationRow | undefined> {
  return scope.db
    .selectFrom('org_invitations')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function revokeInvitation(scope: TenantScope, id: string, at: Date): Promise<InvitationRow> {
  return scope.db
    .updateTable('org_invitations')
    .set({ revoked_at: at })
    .where('org_id', '=', scope.orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A new token (the old lookup and hash are gone, so the old link finds nothing) and a new expiry. */
export async function replaceInvitationToken(
  scope: TenantScope,
  id: string,
  token: { lookup: string; token_hash: string; expires_at: Date },
): Promise<InvitationRow> {
  return scope.db
    .updateTable('org_invitations')
    .set(token)
    .where('org_id', '=', scope.orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markInvitationAccepted(
  scope: TenantScope,
  id: string,
  acceptance: { userId: string; at: Date },
): Promise<InvitationRow> {
  return scope.db
    .updateTable('org_invitations')
    .set({ accepted_at: acceptance.at, accepted_by: acceptance.userId })
    .where('org_id', '=', scope.orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A page of invitations, newest first, after a cursor, optionally in one status.
 * Creation times are compared at millisecond precision, what a cursor carries.
 */
export async function listInvitations(
  scope: TenantScope,
  options: {
    status?: InvitationStatus | undefined;
    after?: InvitationCursor | undefined;
    limit: number;
    now: Date;
  },
): Promise<InvitationRow[]> {
  const createdMs = sql`date_trunc('milliseconds', created_at)`;
  let query = scope.db
    .selectFrom('org_invitations')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .orderBy(createdMs, 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit);
  const { status, after, now } = options;
  if (status === 'accepted') query = query.where('accepted_at', 'is not', null);
  if (status === 'revoked')
    query = query.where('accepted_at', 'is', null).where('revoked_at', 'is not', null);
  if (status === 'pending' || status === 'expired') {
    query = query
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', status === 'pending' ? '>' : '<=', now);
  }
  if (after) {
    query = query.where(
      sql<boolean>`(${createdMs}, id) < (${after.createdAt.toISOString()}::timestamptz, ${after.id})`,
    );
  }
  return query.execute();
}

/** Every invitation of the organization, oldest first (its GDPR export). */
export async function listAllInvitations(scope: TenantScope): Promise<InvitationRow[]> {
  return scope.db
    .selectFrom('org_invitations')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function deleteAllInvitations(scope: TenantScope): Promise<number> {
  const result = await scope.db
    .deleteFrom('org_invitations')
    .where('org_id', '=', scope.orgId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Forgets a user as inviter and acceptor of the organization's invitations (GDPR erasure). */
export async function forgetUserInInvitations(scope: TenantScope, userId: string): Promise<void> {
  await scope.db
    .updateTable('org_invitations')
    .set({ invited_by: null })
    .where('org_id', '=', scope.orgId)
    .where('invited_by', '=', userId)
    .execute();
  await scope.db
    .updateTable('org_invitations')
    .set({ accepted_by: null })
    .where('org_id', '=', scope.orgId)
    .where('accepted_by', '=', userId)
    .execute();
}
