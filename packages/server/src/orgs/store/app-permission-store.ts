import type { Selectable } from 'kysely';
import type { Executor } from '../../identity/store/executor.ts';
import type { AppPermissionsTable } from './tables.ts';

/** Instance-level: the application permissions the instance declares (no organization column). */
export type AppPermissionRow = Selectable<AppPermissionsTable>;

export async function listAppPermissions(db: Executor): Promise<AppPermissionRow[]> {
  return db.selectFrom('app_permissions').selectAll().orderBy('key').execute();
}

/** Undefined when the key was declared already. */
export async function insertAppPermission(
  db: Executor,
  permission: { key: string; description: string | null },
): Promise<AppPermissionRow | undefined> {
  return db
    .insertInto('app_permissions')
    .values(permission)
    .onConflict((oc) => oc.column('key').doNothing())
    .returningAll()
    .executeTakeFirst();
}
