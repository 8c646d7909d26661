import type { Database } from '../../platform/db/database.ts';
import { createOrgAccessChecker } from './org-access.ts';
import { createOrganizations } from './organizations.ts';

export type OrgsDeps = { database: Database };

export type OrgsService = ReturnType<typeof createOrgsService>;

/** The organizations module's service: what its routes (and other modules) call. */
export function createOrgsService(deps: OrgsDeps) {
  const { database } = deps;
  return {
    /** The guard of every organization route (org-access.ts). */
    access: createOrgAccessChecker(database),
    organizations: createOrganizations(database),
  };
}
