/**
 * Flags and their versions (flags, flag_versions) in the instance tenant. A flag's row holds its
 * current definition; every change also appends a version row, and rows there are never changed.
 */
import type { FlagDefinition } from '@keystone/flags';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { flagDb, toNumber } from './flag-scope.ts';
import type { VersionInput, VersionRecord } from './version-row.ts';

export type FlagRecord = {
  key: string;
  version: number;
  definition: FlagDefinition;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
};

const FLAG_COLUMNS = ['key', 'version', 'definition', 'created_at', 'updated_at', 'archived_at'] as const;

type FlagRow = {
  key: string;
  version: number;
  definition: unknown;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
};

function flagRecord(row: FlagRow): FlagRecord {
  return {
    key: row.key,
    version: row.version,
    definition: row.definition as FlagDefinition,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

/** One flag, archived or not; `lock` holds its row until the transaction ends. */
export async function findFlag(
  scope: TenantScope,
  key: string,
  options: { lock?: boolean } = {},
): Promise<FlagRecord | undefined> {
  let query = flagDb(scope)
    .selectFrom('flags')
    .select(FLAG_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('key', '=', key);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? flagRecord(row) : undefined;
}

/** Live flags in key order, after `afterKey` when paging. */
export async function listFlags(scope: TenantScope, limit: number, afterKey?: string): Promise<FlagRecord[]> {
  let query = flagDb(scope)
    .selectFrom('flags')
    .select(FLAG_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('archived_at', 'is', null);
  if (afterKey !== undefined) query = query.where('key', '>', afterKey);
  const rows = await query.orderBy('key').limit(limit).execute();
  return rows.map(flagRecord);
}

/** Every live flag, in key order: the flag set, and what validation checks prerequisites against. */
export async function allLiveFlags(scope: TenantScope): Promise<FlagRecord[]> {
  const rows = await flagDb(scope)
    .selectFrom('flags')
    .select(FLAG_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('archived_at', 'is', null)
    .orderBy('key')
    .execute();
  return rows.map(flagRecord);
}

/** Writes a flag's current state (inserting it the first time). */
export async function saveFlag(
  scope: TenantScope,
  flag: { key: string; version: number; definition: FlagDefinition; archived: boolean },
  now: Date,
): Promise<void> {
  const values = {
    version: flag.version,
    definition: JSON.stringify(flag.definition),
    updated_at: now,
    archived_at: flag.archived ? now : null,
  };
  await flagDb(scope)
    .insertInto('flags')
    .values({ org_id: scope.orgId, key: flag.key, created_at: now, ...values })
    .onConflict((conflict) => conflict.columns(['org_id', 'key']).doUpdateSet(values))
    .execute();
}

export async function insertFlagVersion(
  scope: TenantScope,
  key: string,
  input: VersionInput & { archived: boolean },
): Promise<void> {
  await flagDb(scope)
    .insertInto('flag_versions')
    .values({
      org_id: scope.orgId,
      flag_key: key,
      version: input.version,
      definition: JSON.stringify(input.definition),
      archived: input.archived,
      summary: input.summary,
      changes: JSON.stringify(input.changes),
      actor_type: input.actor.type,
      actor_id: input.actor.id,
      flag_set_version: input.flagSetVersion,
    })
    .execute();
}

const VERSION_COLUMNS = [
  'version',
  'definition',
  'archived',
  'summary',
  'changes',
  'actor_type',
  'actor_id',
  'flag_set_version',
  'created_at',
] as const;

type VersionRow = {
  version: number;
  definition: unknown;
  archived: boolean;
  summary: string;
  changes: unknown;
  actor_type: string;
  actor_id: string | null;
  flag_set_version: string | number;
  created_at: Date;
};

function versionRecord(row: VersionRow): VersionRecord<FlagDefinition> {
  return {
    version: row.version,
    definition: row.definition as FlagDefinition,
    removed: row.archived,
    summary: row.summary,
    changes: row.changes as string[],
    actor: { type: row.actor_type, id: row.actor_id },
    flagSetVersion: toNumber(row.flag_set_version),
    createdAt: row.created_at,
  };
}

/** A flag's versions, newest first, below `beforeVersion` when paging. */
export async function listFlagVersions(
  scope: TenantScope,
  key: string,
  limit: number,
  beforeVersion?: number,
): Promise<VersionRecord<FlagDefinition>[]> {
  let query = flagDb(scope)
    .selectFrom('flag_versions')
    .select(VERSION_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('flag_key', '=', key);
  if (beforeVersion !== undefined) query = query.where('version', '<', beforeVersion);
  const rows = await query.orderBy('version', 'desc').limit(limit).execute();
  return rows.map(versionRecord);
}

export async function findFlagVersion(
  scope: TenantScope,
  key: string,
  version: number,
): Promise<VersionRecord<FlagDefinition> | undefined> {
  const row = await flagDb(scope)
    .selectFrom('flag_versions')
    .select(VERSION_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('flag_key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? versionRecord(row) : undefined;
}
