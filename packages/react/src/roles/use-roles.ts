import type { paths } from '@keystone/sdk';
import { useKeystone } from '../core/keystone-context.ts';
import { invalidate, useResource } from '../organizations/use-resource.ts';

export type Role =
  paths['/v1/organizations/{orgId}/roles']['get']['responses'][200]['content']['application/json']['data'][number];
export type CreateRoleInput =
  paths['/v1/organizations/{orgId}/roles']['post']['requestBody']['content']['application/json'];
export type UpdateRoleInput =
  paths['/v1/organizations/{orgId}/roles/{key}']['patch']['requestBody']['content']['application/json'];

export type UseRoles = {
  roles: Role[];
  isLoading: boolean;
  /** Why the roles could not be read, or null. Mutations reject with their own KeystoneApiError. */
  error: unknown;
  createRole(data: CreateRoleInput): Promise<Role>;
  /** `id` is the role's key (custom roles only; built-in ones cannot change). */
  updateRole(id: string, data: UpdateRoleInput): Promise<Role>;
  deleteRole(id: string): Promise<void>;
  /** Replaces the role's permissions with these. */
  assignPermissions(roleId: string, permissions: string[]): Promise<Role>;
};

/** The roles of the active organization (or `orgId`): built-in ones first, then custom ones. */
export function useRoles(orgId?: string | null): UseRoles {
  const { client, session } = useKeystone();
  const id = orgId === undefined ? session.activeOrganizationId : orgId;
  const resource = useResource(id ? `roles:${id}` : null, async () => {
    const { data } = await client.GET('/v1/organizations/{orgId}/roles', {
      params: { path: { orgId: id as string } },
    });
    return data?.data ?? [];
  });
  // Members holding a changed role have new permissions at once.
  const changed = () => invalidate(`roles:${id}`, `permissions:${id}`);

  async function updateRole(key: string, body: UpdateRoleInput) {
    const { data } = await client.PATCH('/v1/organizations/{orgId}/roles/{key}', {
      params: { path: { orgId: id as string, key } },
      body,
    });
    changed();
    return data as Role;
  }

  return {
    roles: resource.data ?? [],
    isLoading: resource.isLoading,
    error: resource.error,
    async createRole(body) {
      const { data } = await client.POST('/v1/organizations/{orgId}/roles', {
        params: { path: { orgId: id as string } },
        body,
      });
      changed();
      return data as Role;
    },
    updateRole,
    async deleteRole(key) {
      await client.DELETE('/v1/organizations/{orgId}/roles/{key}', {
        params: { path: { orgId: id as string, key } },
      });
      changed();
    },
    assignPermissions: (key, permissions) => updateRole(key, { permissions }),
  };
}
