import type { Database } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import type { PersonalDataParticipant } from '../../platform/gdpr/index.ts';
import { deleteOrganizationAccessData, organizationAccessSummary } from '../store/org-erasure.ts';

/**
 * Access control's part of GDPR: an organization export lists its stores (models, tuple counts), and
 * erasing the organization deletes its stores, models, tuples and changes feed. Erasing one user's
 * tuples (by the ids the organization used for them) is the erasure endpoint's work, not this one's.
 */
export function accessPersonalData(database: Database): PersonalDataParticipant {
  return {
    name: 'access_control',
    exportOrganization: (orgId) => withTenant(database, orgId, organizationAccessSummary),
    eraseOrganization: (orgId) => withTenant(database, orgId, deleteOrganizationAccessData),
  };
}
