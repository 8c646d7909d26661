import type { Database } from '../../../platform/db/database.ts';
import { type TenantScope, withTenant } from '../../../platform/db/tenant-scope.ts';
import type { PersonalDataParticipant } from '../../../platform/gdpr/index.ts';
import { deleteIdempotencyRecordsOfScopes } from '../../../platform/idempotency/idempotency-erasure.ts';
import { listOwnMemberships, withUserDoor } from '../../store/user-door.ts';

/** Key metadata as an export shows it: never the hash. */
const EXPORTED_COLUMNS = [
  'id',
  'kind',
  'environment',
  'name',
  'display_prefix',
  'scopes',
  'allowed_origins',
  'rate_limit_per_minute',
  'created_by',
  'created_at',
  'expires_at',
  'last_used_at',
  'revoked_at',
] as const;

function keysOf(scope: TenantScope, createdBy?: string) {
  let query = scope.db.selectFrom('api_keys').select(EXPORTED_COLUMNS).where('org_id', '=', scope.orgId);
  if (createdBy) query = query.where('created_by', '=', createdBy);
  return query.orderBy('created_at').execute();
}

/**
 * API keys: an organization's keys (revoked ones too), and the keys a user
 * created in the organizations they belong to. `created_by` is a user id and
 * stays after the user is erased. Erasing an organization deletes its keys and
 * the Idempotency-Key records kept for them.
 */
export function apiKeysPersonalData(database: Database): PersonalDataParticipant {
  return {
    name: 'api_keys',
    async exportUser(subject) {
      const memberships = await withUserDoor(database, subject.userId, listOwnMemberships);
      const keys = [];
      for (const { organization } of memberships) {
        const created = await withTenant(database, organization.org_id, (scope) =>
          keysOf(scope, subject.userId),
        );
        keys.push(...created.map((key) => ({ org_id: organization.org_id, ...key })));
      }
      return keys;
    },
    exportOrganization: (orgId) => withTenant(database, orgId, (scope) => keysOf(scope)),
    async eraseOrganization(orgId) {
      await withTenant(database, orgId, async (scope) => {
        const keys = await scope.db
          .selectFrom('api_keys')
          .select('id')
          .where('org_id', '=', scope.orgId)
          .execute();
        await deleteIdempotencyRecordsOfScopes(
          scope.db,
          keys.map((key) => key.id),
        );
        await scope.db.deleteFrom('api_keys').where('org_id', '=', scope.orgId).execute();
      });
    },
  };
}
