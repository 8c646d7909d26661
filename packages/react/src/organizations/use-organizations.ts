import { useKeystone } from '../core/keystone-context.ts';
import type {
  CreateOrganizationInput,
  Organization,
  OrganizationDetails,
  UpdateOrganizationInput,
} from './types.ts';
import { invalidate, useResource } from './use-resource.ts';

export const ORGANIZATIONS_KEY = 'organizations';

export type UseOrganizations = {
  organizations: Organization[];
  isLoading: boolean;
  /** Why the list could not be read, or null. Mutations reject with their own KeystoneApiError. */
  error: unknown;
  create(data: CreateOrganizationInput): Promise<OrganizationDetails>;
  update(id: string, data: UpdateOrganizationInput): Promise<OrganizationDetails>;
  delete(id: string): Promise<void>;
  leave(id: string): Promise<void>;
  reload(): void;
};

/** The signed-in user's organizations, and what they can do with them. `enabled: false` loads nothing. */
export function useOrganizations({ enabled = true }: { enabled?: boolean } = {}): UseOrganizations {
  const { client, session, setActiveOrganization } = useKeystone();
  const signedIn = session.status === 'signed_in';
  const resource = useResource(signedIn && enabled ? ORGANIZATIONS_KEY : null, async () => {
    const { data } = await client.GET('/v1/me/organizations');
    return data?.data ?? [];
  });

  /** After leaving or deleting the active organization, none is active. */
  async function forget(id: string) {
    invalidate(ORGANIZATIONS_KEY, `organization:${id}`);
    if (session.activeOrganizationId === id) await setActiveOrganization(null);
  }

  return {
    organizations: resource.data ?? [],
    isLoading: resource.isLoading,
    error: resource.error,
    reload: resource.reload,
    async create(body) {
      const { data } = await client.POST('/v1/organizations', { body });
      invalidate(ORGANIZATIONS_KEY);
      return data as OrganizationDetails;
    },
    async update(id, body) {
      const { data } = await client.PATCH('/v1/organizations/{orgId}', {
        params: { path: { orgId: id } },
        body,
      });
      invalidate(ORGANIZATIONS_KEY, `organization:${id}`);
      return data as OrganizationDetails;
    },
    async delete(id) {
      await client.DELETE('/v1/organizations/{orgId}', { params: { path: { orgId: id } } });
      await forget(id);
    },
    async leave(id) {
      await client.POST('/v1/organizations/{orgId}/members/me/leave', {
        params: { path: { orgId: id } },
        body: {},
      });
      await forget(id);
    },
  };
}

/** One organization's own record (GET /v1/organizations/{orgId}); the active one by default. */
export function useOrganization(orgId?: string | null) {
  const { client, session } = useKeystone();
  const id = orgId === undefined ? session.activeOrganizationId : orgId;
  const resource = useResource(id ? `organization:${id}` : null, async () => {
    const { data } = await client.GET('/v1/organizations/{orgId}', {
      params: { path: { orgId: id as string } },
    });
    return data as OrganizationDetails;
  });
  return { organization: resource.data ?? null, isLoading: resource.isLoading, error: resource.error };
}
