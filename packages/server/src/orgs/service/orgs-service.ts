import type { IdentityService } from '../../identity/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { createActiveOrganization } from './active-organization.ts';
import { createOrgAccessChecker } from './org-access.ts';
import { createOrganizations } from './organizations.ts';

export type OrgsDeps = { database: Database; identity: IdentityService };

export type OrgsService = ReturnType<typeof createOrgsService>;

/** The organizations module's service: what its routes (and other modules) call. */
export function createOrgsService(deps: OrgsDeps) {
  const { database, identity } = deps;
  const access = createOrgAccessChecker(database);
  return {
    /** The guard of every organization route (org-access.ts). */
    access,
    organizations: createOrganizations(database),
    /** Also tells identity how to name the active organization's role in tokens. */
    activeOrganization: createActiveOrganization({ database, identity, access }),
    identity,
  };
}
