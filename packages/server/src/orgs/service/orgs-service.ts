import type { IdentityService } from '../../identity/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { createActiveOrganization } from './active-organization.ts';
import { createAppPermissions } from './app-permissions.ts';
import { createMembers } from './members.ts';
import { createOrgAccessChecker } from './org-access.ts';
import { createOrganizations } from './organizations.ts';
import { createRoles } from './roles.ts';

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
    members: createMembers({ database, identity }),
    roles: createRoles(database),
    appPermissions: createAppPermissions(database),
    identity,
  };
}
