import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { isBuiltInPermission } from '../engine/permissions.ts';
import {
  type AppPermissionRow,
  insertAppPermission,
  listAppPermissions,
} from '../store/app-permission-store.ts';

/** The instance's own application permissions (`projects:create`), usable in every organization's custom roles. */
export function createAppPermissions(database: Database) {
  return {
    list: (): Promise<AppPermissionRow[]> => listAppPermissions(database.kysely),

    /** Audited in the instance chain: the declaration belongs to no organization. */
    async declare(input: { key: string; description: string | null; audit: RequestAuditContext }) {
      if (isBuiltInPermission(input.key)) throw exists(input.key);
      return withInstanceTenant(database, async (scope) => {
        const row = await insertAppPermission(scope.db, { key: input.key, description: input.description });
        if (!row) throw exists(input.key);
        await appendAuditEntry(scope, {
          ...input.audit,
          action: 'app_permission.created',
          target: { type: 'app_permission', id: row.key },
        });
        return row;
      });
    },
  };
}

function exists(key: string): AppError {
  return new AppError('conflict', { detail: `The permission ${key} exists already` });
}
