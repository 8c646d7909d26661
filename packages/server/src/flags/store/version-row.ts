/** What a version row (of a flag or a segment) records, as the service writes and reads it. */
export type VersionInput = {
  version: number;
  definition: unknown;
  summary: string;
  changes: readonly string[];
  actor: { type: string; id: string | null };
  flagSetVersion: number;
};

export type VersionRecord<Definition> = {
  version: number;
  definition: Definition;
  /** The flag was archived (or the segment deleted) by this version. */
  removed: boolean;
  summary: string;
  changes: string[];
  actor: { type: string; id: string | null };
  flagSetVersion: number;
  createdAt: Date;
};
