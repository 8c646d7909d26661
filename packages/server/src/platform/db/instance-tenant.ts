import type { Database } from './database.ts';
import { type TenantScope, withTenant } from './tenant-scope.ts';

/**
 * The instance's own tenant: where records that belong to no organization but
 * use tenant machinery live. Users' security events form the instance audit
 * chain; TOTP seeds and token-signing keys are envelope-encrypted under the
 * instance's data key. Organization ids are `org_<26 chars>`, so this id can
 * never be one of them.
 */
export const INSTANCE_TENANT_ID = 'instance';

/** A transaction bound to the instance tenant (see withTenant). */
export function withInstanceTenant<T>(
  database: Pick<Database, 'kysely'>,
  work: (scope: TenantScope) => Promise<T>,
): Promise<T> {
  return withTenant(database, INSTANCE_TENANT_ID, work);
}
