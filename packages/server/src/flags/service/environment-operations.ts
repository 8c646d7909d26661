/**
 * The instance's flag environments. Adding or removing one raises the flag-set version (the set of
 * environments is part of what evaluators serve) and is audited; removing one that a flag configures
 * is refused.
 */
import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import {
  deleteEnvironment as deleteEnvironmentRow,
  type EnvironmentRecord,
  insertEnvironment,
} from '../store/environment-records.ts';
import { allLiveFlags } from '../store/flag-records.ts';
import { lockFlagSetVersion, raiseFlagSetVersion } from '../store/flag-set-version.ts';
import type { FlagChangeFeed } from './change-feed.ts';
import { environmentNotFound } from './flag-operations.ts';

type Deps = { database: Database; feed: FlagChangeFeed };

export async function createEnvironment(
  deps: Deps,
  key: string,
  name: string,
  audit: RequestAuditContext,
): Promise<EnvironmentRecord> {
  const version = await withInstanceTenant(deps.database, async (scope) => {
    await lockFlagSetVersion(scope);
    if (!(await insertEnvironment(scope, key, name))) {
      throw new AppError('environment_exists', { detail: `flag environment '${key}' exists already` });
    }
    const flagSetVersion = await raiseFlagSetVersion(scope);
    await appendAuditEntry(scope, {
      ...audit,
      action: 'flag_environment.created',
      target: { type: 'flag_environment', id: key },
      metadata: { name, flag_set_version: flagSetVersion },
    });
    await deps.feed.announceInTransaction(scope, flagSetVersion);
    return flagSetVersion;
  });
  deps.feed.committed(version);
  return { key, name, createdAt: new Date() };
}

export async function deleteEnvironment(deps: Deps, key: string, audit: RequestAuditContext): Promise<void> {
  const version = await withInstanceTenant(deps.database, async (scope) => {
    await lockFlagSetVersion(scope);
    const users = (await allLiveFlags(scope))
      .filter((flag) => flag.definition.environments[key] !== undefined)
      .map((flag) => flag.key);
    if (users.length > 0) {
      throw new AppError('environment_in_use', {
        detail: `flags ${users.map((u) => `'${u}'`).join(', ')} are configured in '${key}'`,
        extensions: { flags: users },
      });
    }
    if (!(await deleteEnvironmentRow(scope, key))) throw environmentNotFound(key);
    const flagSetVersion = await raiseFlagSetVersion(scope);
    await appendAuditEntry(scope, {
      ...audit,
      action: 'flag_environment.deleted',
      target: { type: 'flag_environment', id: key },
      metadata: { flag_set_version: flagSetVersion },
    });
    await deps.feed.announceInTransaction(scope, flagSetVersion);
    return flagSetVersion;
  });
  deps.feed.committed(version);
}
