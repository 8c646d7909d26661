/**
 * Validation of a definition before it is stored: @keystone/flags' validateFlag / validateSegment
 * against what the instance has now (environments, live segments, live flags). Any fault refuses the
 * whole change with a 422 whose `errors` list each fault's JSON pointer and message.
 */
import { type FlagDefinition, type KnownDefinitions, validateFlag, validateSegment } from '@keystone/flags';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { listEnvironments } from '../store/environment-records.ts';
import { allLiveFlags } from '../store/flag-records.ts';
import { allLiveSegments } from '../store/segment-records.ts';

export type FlagProblems = { path: string; message: string }[];

export async function knownDefinitions(scope: TenantScope): Promise<KnownDefinitions> {
  const [environments, segments, flags] = [
    await listEnvironments(scope),
    await allLiveSegments(scope),
    await allLiveFlags(scope),
  ];
  return {
    environments: environments.map((environment) => environment.key),
    segments: segments.map((segment) => segment.key),
    flags: flags.map((flag) => flag.definition),
  };
}

export async function assertValidFlag(scope: TenantScope, definition: FlagDefinition): Promise<void> {
  const problems = validateFlag(definition, await knownDefinitions(scope));
  if (problems.length > 0) throw invalid('flag_invalid', `flag '${definition.key}'`, problems);
}

export function assertValidSegment(definition: unknown, key: string): void {
  const problems = validateSegment(definition);
  if (problems.length > 0) throw invalid('segment_invalid', `segment '${key}'`, problems);
}

/** A body whose `key` names another flag than the path. */
export function keyMismatch(code: 'flag_invalid' | 'segment_invalid', pathKey: string, bodyKey: string) {
  return invalid(code, `'${pathKey}'`, [
    {
      path: '/key',
      message: `the body's key ${JSON.stringify(bodyKey)} is not the path's ${JSON.stringify(pathKey)}`,
    },
  ]);
}

/**
 * Keys that are paths of other routes under /v1/flags (`GET /v1/flags/stale`, `GET /v1/flags/stream`,
 * `POST /v1/flags/evaluate`): a flag with one could not be read at /v1/flags/{key}.
 */
export const RESERVED_FLAG_KEYS: ReadonlySet<string> = new Set(['stale', 'stream', 'evaluate']);

export function reservedKey(key: string): AppError {
  return invalid('flag_invalid', `'${key}'`, [
    { path: '/key', message: `${JSON.stringify(key)} is reserved: /v1/flags/${key} is another route` },
  ]);
}

function invalid(code: 'flag_invalid' | 'segment_invalid', what: string, problems: FlagProblems): AppError {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new AppError(code, {
    detail: `${what} is not valid: ${first?.path || '/'}: ${first?.message}${more}`,
    extensions: { errors: problems.map(({ path, message }) => ({ path, message })) },
  });
}
