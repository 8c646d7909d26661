import type { IdentityService } from '../../identity/index.ts';
import type { Database } from '../../platform/db/database.ts';
import type { PersonalDataRegistry } from '../../platform/gdpr/index.ts';
import type { PersonalDataService } from '../../platform/gdpr/personal-data-service.ts';
import { orgsPersonalData } from '../gdpr/orgs-personal-data.ts';
import { createActiveOrganization } from './active-organization.ts';
import { createAppPermissions } from './app-permissions.ts';
import { seedDemoOrganization } from './demo-organization.ts';
import { createMembers } from './members.ts';
import { createOrgAccessChecker } from './org-access.ts';
import { createOrganizations, type OrganizationAccessSetup } from './organizations.ts';
import { createRoles } from './roles.ts';

export type OrgsDeps = {
  database: Database;
  identity: IdentityService;
  /** Where the module registers what it holds about users and organizations. */
  personalData: PersonalDataRegistry;
  /** Export and erasure across modules: deleting an organization erases it everywhere. */
  privacy: PersonalDataService;
  /** Access control (through its service): every organization is created with a store. */
  accessControl: OrganizationAccessSetup;
};

export type OrgsService = ReturnType<typeof createOrgsService>;

/** The organizations module's service: what its routes (and other modules) call. */
export function createOrgsService(deps: OrgsDeps) {
  const { database, identity, privacy, accessControl } = deps;
  const access = createOrgAccessChecker(database);
  deps.personalData.register(
    orgsPersonalData({
      database,
      identity,
      // Only member of an organization, erased: the organization goes too (recorded as the system's doing).
      eraseOrganization: (orgId, reason) =>
        privacy.eraseOrganization({ orgId, reason, audit: { actor: { type: 'system', id: null } } }),
    }),
  );
  return {
    /** The guard of every organization route (org-access.ts). */
    access,
    organizations: createOrganizations(
      database,
      (input) => privacy.eraseOrganization(input),
      (userId) => identity.requireUser(userId),
      accessControl,
    ),
    /** The demo organization (`npm start` with demo data), owned by the demo user; created once. */
    seedDemoOrganization: (input: { ownerId: string }) =>
      seedDemoOrganization(database, accessControl, input),
    /** Also tells identity how to name the active organization's role in tokens. */
    activeOrganization: createActiveOrganization({ database, identity, access }),
    members: createMembers({ database, identity }),
    roles: createRoles(database),
    appPermissions: createAppPermissions(database),
    identity,
  };
}
