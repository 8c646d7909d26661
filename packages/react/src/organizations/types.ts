import type { paths } from '@keystone/sdk';

/** One of the signed-in user's organizations, with their role in it (GET /v1/me/organizations). */
export type Organization =
  paths['/v1/me/organizations']['get']['responses'][200]['content']['application/json']['data'][number];

/** An organization as its own routes answer it (GET/PATCH /v1/organizations/{orgId}). */
export type OrganizationDetails =
  paths['/v1/organizations/{orgId}']['get']['responses'][200]['content']['application/json'];

export type CreateOrganizationInput =
  paths['/v1/organizations']['post']['requestBody']['content']['application/json'];
export type UpdateOrganizationInput =
  paths['/v1/organizations/{orgId}']['patch']['requestBody']['content']['application/json'];
