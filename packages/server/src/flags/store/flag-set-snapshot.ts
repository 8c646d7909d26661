/**
 * Everything an environment's flag set is made of, read in ONE statement: the flag-set version, the
 * environments, the live flags and segments. One statement sees one snapshot of the database, so the
 * version labels exactly the content (and it is one round trip instead of four). Each flag carries its
 * own version, which evaluations report as `flagMetadata.flagVersion`.
 */
import type { FlagDefinition, SegmentDefinition } from '@keystone/flags';
import { sql } from 'kysely';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { toNumber } from './flag-scope.ts';

export type FlagSetSnapshotRow = {
  version: number;
  environments: string[];
  flags: FlagDefinition[];
  segments: SegmentDefinition[];
};

export async function readFlagSetSnapshot(scope: TenantScope): Promise<FlagSetSnapshotRow> {
  const org = scope.orgId;
  const result = await sql<{
    version: string | number | null;
    environments: string[] | null;
    flags: FlagDefinition[] | null;
    segments: SegmentDefinition[] | null;
  }>`SELECT
      (SELECT version FROM flag_set_versions WHERE org_id = ${org}) AS version,
      (SELECT json_agg(key ORDER BY key) FROM flag_environments WHERE org_id = ${org}) AS environments,
      (SELECT json_agg(definition || jsonb_build_object('version', version) ORDER BY key) FROM flags
        WHERE org_id = ${org} AND archived_at IS NULL) AS flags,
      (SELECT json_agg(definition ORDER BY key) FROM flag_segments
        WHERE org_id = ${org} AND deleted_at IS NULL) AS segments`.execute(scope.db);
  const row = result.rows[0];
  return {
    version: row?.version == null ? 0 : toNumber(row.version),
    environments: row?.environments ?? [],
    flags: row?.flags ?? [],
    segments: row?.segments ?? [],
  };
}
