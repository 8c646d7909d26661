import type { paths } from '@keystone/sdk';
import { useKeystone } from '../core/keystone-context.ts';
import { invalidate, useResource } from '../organizations/use-resource.ts';

export type Member =
  paths['/v1/organizations/{orgId}/members']['get']['responses'][200]['content']['application/json']['data'][number];
export type Invitation =
  paths['/v1/organizations/{orgId}/invitations']['get']['responses'][200]['content']['application/json']['data'][number];

export type MemberActions = {
  inviteMember(email: string, role: string): Promise<Invitation>;
  removeMember(userId: string): Promise<void>;
  updateMemberRole(userId: string, role: string): Promise<Member>;
  cancelInvitation(invitationId: string): Promise<void>;
  resendInvitation(invitationId: string): Promise<Invitation>;
};

export type UseOrganizationMembers = MemberActions & {
  /** Null when no organization is active and none was named. */
  orgId: string | null;
  members: Member[];
  pendingInvitations: Invitation[];
  isLoading: boolean;
  /** Why the members could not be read, or null. Mutations reject with their own KeystoneApiError. */
  error: unknown;
  /** Why the invitations could not be read (members:invite is needed to see them), or null. */
  invitationsError: unknown;
};

const PAGE = 100;

/**
 * The members and pending invitations of the active organization (or `orgId`).
 * `members: false` or `invitations: false` skips loading that list (invitations need members:invite).
 */
export function useOrganizationMembers(
  orgId?: string | null,
  load: { members?: boolean; invitations?: boolean } = {},
): UseOrganizationMembers {
  const { client, session } = useKeystone();
  const id = orgId === undefined ? session.activeOrganizationId : orgId;
  const path = { orgId: id as string };
  const actions = useMemberActions(id);
  const members = useResource(id && load.members !== false ? `members:${id}` : null, async () => {
    const all: Member[] = [];
    let cursor: string | undefined;
    do {
      const query = cursor ? { limit: PAGE, cursor } : { limit: PAGE };
      const { data } = await client.GET('/v1/organizations/{orgId}/members', { params: { path, query } });
      all.push(...(data?.data ?? []));
      cursor = data?.next_cursor ?? undefined;
    } while (cursor);
    return all;
  });
  const invitations = useResource(id && load.invitations !== false ? `invitations:${id}` : null, async () => {
    const { data } = await client.GET('/v1/organizations/{orgId}/invitations', {
      params: { path, query: { status: 'pending', limit: PAGE } },
    });
    return data?.data ?? [];
  });

  return {
    orgId: id,
    members: members.data ?? [],
    pendingInvitations: invitations.data ?? [],
    isLoading: members.isLoading || invitations.isLoading,
    error: members.error,
    invitationsError: invitations.error,
    ...actions,
  };
}

/**
 * The member and invitation mutations alone, loading nothing (for a row's controls or a modal).
 * Each one makes every hook showing the changed data reload.
 */
export function useMemberActions(orgId?: string | null): MemberActions {
  const { client, session } = useKeystone();
  const id = orgId === undefined ? session.activeOrganizationId : orgId;
  const path = { orgId: id as string };
  return {
    async inviteMember(email, role) {
      const { data } = await client.POST('/v1/organizations/{orgId}/invitations', {
        params: { path },
        body: { email, role },
      });
      invalidate(`invitations:${id}`);
      return data as Invitation;
    },
    async removeMember(userId) {
      await client.DELETE('/v1/organizations/{orgId}/members/{userId}', {
        params: { path: { ...path, userId } },
      });
      invalidate(`members:${id}`);
    },
    async updateMemberRole(userId, role) {
      const { data } = await client.PATCH('/v1/organizations/{orgId}/members/{userId}', {
        params: { path: { ...path, userId } },
        body: { role },
      });
      invalidate(`members:${id}`, `permissions:${id}`);
      return data as Member;
    },
    async cancelInvitation(invitationId) {
      await client.DELETE('/v1/organizations/{orgId}/invitations/{invitationId}', {
        params: { path: { ...path, invitationId } },
      });
      invalidate(`invitations:${id}`);
    },
    async resendInvitation(invitationId) {
      const { data } = await client.POST('/v1/organizations/{orgId}/invitations/{invitationId}/resend', {
        params: { path: { ...path, invitationId } },
        body: {},
      });
      invalidate(`invitations:${id}`);
      return data as Invitation;
    },
  };
}
