/** Records as the API shows them, and the opaque page cursors. */
import type { FlagDefinition, SegmentDefinition } from '@keystone/flags';
import type { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import type { EnvironmentRecord } from '../store/environment-records.ts';
import type { FlagRecord } from '../store/flag-records.ts';
import type { SegmentRecord } from '../store/segment-records.ts';
import type { VersionRecord } from '../store/version-row.ts';
import type { flagDefinition, segmentDefinition } from './definition-schemas.ts';

/** Stored definitions passed validation, so they fit the wire schema (whose types are looser). */
const wireFlag = (definition: FlagDefinition) => definition as unknown as z.infer<typeof flagDefinition>;
const wireSegment = (definition: SegmentDefinition) =>
  definition as unknown as z.infer<typeof segmentDefinition>;

export function presentFlag(flag: FlagRecord, flagSetVersion?: number) {
  return {
    key: flag.key,
    version: flag.version,
    ...(flagSetVersion !== undefined ? { flag_set_version: flagSetVersion } : {}),
    definition: wireFlag(flag.definition),
    created_at: flag.createdAt.toISOString(),
    updated_at: flag.updatedAt.toISOString(),
    archived_at: flag.archivedAt?.toISOString() ?? null,
  };
}

export function presentFlagVersion(version: VersionRecord<FlagDefinition>) {
  return {
    version: version.version,
    definition: wireFlag(version.definition),
    archived: version.removed,
    summary: version.summary,
    changes: version.changes,
    actor: version.actor,
    flag_set_version: version.flagSetVersion,
    created_at: version.createdAt.toISOString(),
  };
}

export function presentSegment(segment: SegmentRecord, flagSetVersion?: number) {
  return {
    key: segment.key,
    version: segment.version,
    ...(flagSetVersion !== undefined ? { flag_set_version: flagSetVersion } : {}),
    definition: wireSegment(segment.definition),
    created_at: segment.createdAt.toISOString(),
    updated_at: segment.updatedAt.toISOString(),
  };
}

export function presentSegmentVersion(version: VersionRecord<SegmentDefinition>) {
  return {
    version: version.version,
    definition: wireSegment(version.definition),
    deleted: version.removed,
    summary: version.summary,
    changes: version.changes,
    actor: version.actor,
    flag_set_version: version.flagSetVersion,
    created_at: version.createdAt.toISOString(),
  };
}

export function presentEnvironment(environment: EnvironmentRecord) {
  return { key: environment.key, name: environment.name, created_at: environment.createdAt.toISOString() };
}

/** A cursor is the last item's position (a key or a version), opaque to clients. */
export function encodeCursor(position: string | number): string {
  return Buffer.from(JSON.stringify([position])).toString('base64url');
}

export function decodeCursor<T extends 'string' | 'number'>(
  cursor: string | undefined,
  kind: T,
): (T extends 'string' ? string : number) | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 1 && typeof parsed[0] === kind) {
      return parsed[0] as T extends 'string' ? string : number;
    }
  } catch {
    // Not JSON: answered below like any other cursor this server did not make.
  }
  throw new AppError('validation_failed', {
    detail: 'The cursor is not one this list returned',
    fields: [{ field: 'cursor', location: 'query', message: 'not a cursor of this list' }],
  });
}

/** One more than the page was read: whether another page follows. */
export function page<T>(items: T[], limit: number, position: (item: T) => string | number) {
  const shown = items.slice(0, limit);
  const last = shown.at(-1);
  return {
    shown,
    next_cursor: items.length > limit && last !== undefined ? encodeCursor(position(last)) : null,
  };
}
