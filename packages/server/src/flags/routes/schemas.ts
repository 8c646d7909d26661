/** Wire schemas of the flag management routes (definitions in definition-schemas.ts). */
import { z } from 'zod';
import { flagDefinition, segmentDefinition } from './definition-schemas.ts';

export const noQuery = z.strictObject({});
export const noContent = { 204: z.null().describe('No content') };

/** Path keys: loose enough that a bad key in a body is named by validation, bounded for the router. */
const pathKey = z.string().min(1).max(100);
export const flagParams = z.strictObject({ key: pathKey });
export const environmentParams = z.strictObject({ key: pathKey });

export const pageQuery = z.strictObject({
  cursor: z.string().max(512).optional().describe('next_cursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const nextCursor = z.string().nullable().describe('Pass as cursor for the next page; null on the last');

export const flagResponse = z.strictObject({
  key: z.string(),
  version: z.number().int().describe('The flag’s own version: 1, 2, 3, ...'),
  flag_set_version: z.number().int().optional().describe('The instance’s flag-set version after a change'),
  definition: flagDefinition,
  created_at: z.string(),
  updated_at: z.string(),
  archived_at: z.string().nullable(),
});
export const flagPage = z.strictObject({ data: z.array(flagResponse), next_cursor: nextCursor });

const actor = z.strictObject({ type: z.string(), id: z.string().nullable() });
export const flagVersion = z.strictObject({
  version: z.number().int(),
  definition: flagDefinition,
  archived: z.boolean(),
  summary: z.string(),
  changes: z.array(z.string()),
  actor,
  flag_set_version: z.number().int(),
  created_at: z.string(),
});
export const flagVersionPage = z.strictObject({ data: z.array(flagVersion), next_cursor: nextCursor });

export const rollbackBody = z.strictObject({ version: z.number().int().min(1) });
export const killBody = z.strictObject({ environment: z.string().min(1).max(100) });

export const segmentResponse = z.strictObject({
  key: z.string(),
  version: z.number().int(),
  flag_set_version: z.number().int().optional(),
  definition: segmentDefinition,
  created_at: z.string(),
  updated_at: z.string(),
});
export const segmentPage = z.strictObject({ data: z.array(segmentResponse), next_cursor: nextCursor });
export const segmentVersion = z.strictObject({
  version: z.number().int(),
  definition: segmentDefinition,
  deleted: z.boolean(),
  summary: z.string(),
  changes: z.array(z.string()),
  actor,
  flag_set_version: z.number().int(),
  created_at: z.string(),
});
export const segmentVersionList = z.strictObject({ data: z.array(segmentVersion) });

export const environmentBody = z.strictObject({
  key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lowercase letters, digits, "-" or "_", at most 63'),
  name: z.string().min(1).max(100),
});
export const environmentResponse = z.strictObject({
  key: z.string(),
  name: z.string(),
  created_at: z.string(),
});
export const environmentList = z.strictObject({ data: z.array(environmentResponse) });

export const staleQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(3650).default(30),
});
export const staleList = z.strictObject({
  data: z.array(
    z.strictObject({
      key: z.string(),
      environment: z.string(),
      reason: z.enum(['not_evaluated', 'fully_rolled_out']),
      last_evaluated_at: z.string().nullable(),
      variant: z.string().nullable(),
    }),
  ),
});
