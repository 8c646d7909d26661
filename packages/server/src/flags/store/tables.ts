import type { Generated } from 'kysely';

/**
 * Feature-flag tables (migration 0018_flags.sql). Every row is in the instance tenant. JSON columns are
 * written as JSON strings and read back parsed.
 */
export type FlagEnvironmentsTable = {
  org_id: string;
  key: string;
  name: string;
  created_at: Generated<Date>;
};

export type FlagSetVersionsTable = {
  org_id: string;
  /** bigint: read back as a string by node-postgres, as a number by PGlite; use Number(). */
  version: Generated<string | number>;
};

export type FlagsTable = {
  org_id: string;
  key: string;
  version: number;
  definition: unknown;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
};

/** The columns every version row (of a flag or a segment) has. */
type VersionColumns = {
  org_id: string;
  version: number;
  definition: unknown;
  summary: string;
  changes: unknown;
  actor_type: string;
  actor_id: string | null;
  flag_set_version: string | number;
  created_at: Generated<Date>;
};

export type FlagVersionsTable = VersionColumns & { flag_key: string; archived: Generated<boolean> };

export type FlagSegmentsTable = {
  org_id: string;
  key: string;
  version: number;
  definition: unknown;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Date | null;
};

export type FlagSegmentVersionsTable = VersionColumns & { segment_key: string; deleted: Generated<boolean> };

export type FlagEvaluationsTable = {
  org_id: string;
  flag_key: string;
  environment: string;
  last_evaluated_at: Date;
};

export type FlagsTables = {
  flag_environments: FlagEnvironmentsTable;
  flag_set_versions: FlagSetVersionsTable;
  flags: FlagsTable;
  flag_versions: FlagVersionsTable;
  flag_segments: FlagSegmentsTable;
  flag_segment_versions: FlagSegmentVersionsTable;
  flag_evaluations: FlagEvaluationsTable;
};
