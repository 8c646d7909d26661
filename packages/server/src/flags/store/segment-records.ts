/** Segments and their versions (flag_segments, flag_segment_versions) in the instance tenant. */
import type { SegmentDefinition } from '@keystone/flags';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { flagDb, toNumber } from './flag-scope.ts';
import type { VersionInput, VersionRecord } from './version-row.ts';

export type SegmentRecord = {
  key: string;
  version: number;
  definition: SegmentDefinition;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
};

const SEGMENT_COLUMNS = ['key', 'version', 'definition', 'created_at', 'updated_at', 'deleted_at'] as const;

function segmentRecord(row: {
  key: string;
  version: number;
  definition: unknown;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}): SegmentRecord {
  return {
    key: row.key,
    version: row.version,
    definition: row.definition as SegmentDefinition,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

export async function findSegment(
  scope: TenantScope,
  key: string,
  options: { lock?: boolean } = {},
): Promise<SegmentRecord | undefined> {
  let query = flagDb(scope)
    .selectFrom('flag_segments')
    .select(SEGMENT_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('key', '=', key);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? segmentRecord(row) : undefined;
}

export async function listSegments(
  scope: TenantScope,
  limit: number,
  afterKey?: string,
): Promise<SegmentRecord[]> {
  let query = flagDb(scope)
    .selectFrom('flag_segments')
    .select(SEGMENT_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('deleted_at', 'is', null);
  if (afterKey !== undefined) query = query.where('key', '>', afterKey);
  return (await query.orderBy('key').limit(limit).execute()).map(segmentRecord);
}

export async function allLiveSegments(scope: TenantScope): Promise<SegmentRecord[]> {
  const rows = await flagDb(scope)
    .selectFrom('flag_segments')
    .select(SEGMENT_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('deleted_at', 'is', null)
    .orderBy('key')
    .execute();
  return rows.map(segmentRecord);
}

export async function saveSegment(
  scope: TenantScope,
  segment: { key: string; version: number; definition: SegmentDefinition; deleted: boolean },
  now: Date,
): Promise<void> {
  const values = {
    version: segment.version,
    definition: JSON.stringify(segment.definition),
    updated_at: now,
    deleted_at: segment.deleted ? now : null,
  };
  await flagDb(scope)
    .insertInto('flag_segments')
    .values({ org_id: scope.orgId, key: segment.key, created_at: now, ...values })
    .onConflict((conflict) => conflict.columns(['org_id', 'key']).doUpdateSet(values))
    .execute();
}

export async function insertSegmentVersion(
  scope: TenantScope,
  key: string,
  input: VersionInput & { deleted: boolean },
): Promise<void> {
  await flagDb(scope)
    .insertInto('flag_segment_versions')
    .values({
      org_id: scope.orgId,
      segment_key: key,
      version: input.version,
      definition: JSON.stringify(input.definition),
      deleted: input.deleted,
      summary: input.summary,
      changes: JSON.stringify(input.changes),
      actor_type: input.actor.type,
      actor_id: input.actor.id,
      flag_set_version: input.flagSetVersion,
    })
    .execute();
}

/** A segment's versions, newest first. */
export async function listSegmentVersions(
  scope: TenantScope,
  key: string,
  limit: number,
): Promise<VersionRecord<SegmentDefinition>[]> {
  const rows = await flagDb(scope)
    .selectFrom('flag_segment_versions')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .where('segment_key', '=', key)
    .orderBy('version', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    version: row.version,
    definition: row.definition as SegmentDefinition,
    removed: row.deleted,
    summary: row.summary,
    changes: row.changes as string[],
    actor: { type: row.actor_type, id: row.actor_id },
    flagSetVersion: toNumber(row.flag_set_version),
    createdAt: row.created_at,
  }));
}
