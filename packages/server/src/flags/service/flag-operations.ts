/**
 * Flag management: create or replace, archive, roll back, kill. Each is one call to changeFlag with a
 * plan that works out the next definition from the stored one.
 */
import type { FlagDefinition } from '@keystone/flags';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Database } from '../../platform/db/database.ts';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { listEnvironments } from '../store/environment-records.ts';
import { allLiveFlags, type FlagRecord, findFlagVersion } from '../store/flag-records.ts';
import type { FlagChangeFeed } from './change-feed.ts';
import { prepareFlag } from './definition-prep.ts';
import { changeFlag, type FlagChangeOutcome } from './flag-changes.ts';
import { assertValidFlag, keyMismatch, RESERVED_FLAG_KEYS, reservedKey } from './flag-validation.ts';

type Deps = { database: Database; feed: FlagChangeFeed };

/** Creates the flag or replaces its whole definition (salt and matching rule ids kept). */
export function putFlag(
  deps: Deps,
  key: string,
  body: FlagDefinition,
  audit: RequestAuditContext,
): Promise<FlagChangeOutcome & { created: boolean }> {
  let created = false;
  return changeFlag(deps, key, audit, async (scope, stored) => {
    if (body.key !== undefined && body.key !== key) throw keyMismatch('flag_invalid', key, body.key);
    if (RESERVED_FLAG_KEYS.has(key)) throw reservedKey(key);
    created = stored === undefined;
    const definition = prepareFlag(key, body, stored?.definition);
    await assertValidFlag(scope, definition);
    return { definition, archived: false, action: created ? 'flag.created' : 'flag.updated' };
  }).then((outcome) => ({ ...outcome, created }));
}

/** Archives a flag: it leaves the flag set; its history stays. Refused while flags depend on it. */
export function archiveFlag(deps: Deps, key: string, audit: RequestAuditContext): Promise<FlagChangeOutcome> {
  return changeFlag(deps, key, audit, async (scope, stored) => {
    const flag = liveFlag(stored, key);
    await refuseDependents(scope, key);
    return { definition: flag.definition, archived: true, action: 'flag.archived' };
  });
}

/** Makes an earlier version's definition current, as a new version, validated as a PUT would be. */
export function rollbackFlag(
  deps: Deps,
  key: string,
  version: number,
  audit: RequestAuditContext,
): Promise<FlagChangeOutcome> {
  return changeFlag(deps, key, audit, async (scope, stored) => {
    if (!stored) throw flagNotFound(key);
    const target = await findFlagVersion(scope, key, version);
    if (!target) {
      throw new AppError('flag_version_not_found', { detail: `flag '${key}' has no version ${version}` });
    }
    // The salt never changes, but a version written before a salt existed is given the current one.
    const definition = prepareFlag(key, target.definition, stored.definition);
    await assertValidFlag(scope, definition);
    return {
      definition,
      archived: false,
      action: 'flag.rolled_back',
      summary: `rolled back to version ${version}`,
      metadata: { rolled_back_to: version },
    };
  });
}

/**
 * Turns the flag off in one environment: every evaluation there serves its off variant. Nothing else
 * changes, so there is nothing to validate. Already off (or not configured there): no new version.
 */
export function killFlag(
  deps: Deps,
  key: string,
  environment: string,
  audit: RequestAuditContext,
): Promise<FlagChangeOutcome> {
  return changeFlag(deps, key, audit, async (scope, stored) => {
    const flag = liveFlag(stored, key);
    const environments = await listEnvironments(scope);
    if (!environments.some((known) => known.key === environment)) throw environmentNotFound(environment);
    const config = flag.definition.environments[environment];
    const definition: FlagDefinition = config?.on
      ? {
          ...flag.definition,
          environments: { ...flag.definition.environments, [environment]: { ...config, on: false } },
        }
      : flag.definition;
    return {
      definition,
      archived: false,
      action: 'flag.killed',
      summary: `killed in ${environment}`,
      metadata: { environment },
    };
  });
}

function liveFlag(stored: FlagRecord | undefined, key: string): FlagRecord {
  if (!stored || stored.archivedAt !== null) throw flagNotFound(key);
  return stored;
}

export function environmentNotFound(environment: string): AppError {
  return new AppError('environment_not_found', { detail: `no flag environment '${environment}'` });
}

export function flagNotFound(key: string): AppError {
  return new AppError('flag_not_found', { detail: `no flag '${key}'` });
}

async function refuseDependents(scope: TenantScope, key: string): Promise<void> {
  const dependents = (await allLiveFlags(scope))
    .filter((flag) => flag.key !== key)
    .filter((flag) =>
      Object.values(flag.definition.environments).some((config) =>
        config.prerequisites?.some((prerequisite) => prerequisite.flag === key),
      ),
    )
    .map((flag) => flag.key);
  if (dependents.length > 0) {
    throw new AppError('flag_in_use', {
      detail: `flags ${dependents.map((d) => `'${d}'`).join(', ')} have '${key}' as a prerequisite`,
      extensions: { flags: dependents },
    });
  }
}
