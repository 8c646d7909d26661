import { z } from 'zod';
import { ACTION_FILTER, ACTOR_TYPES } from '../../../platform/audit/index.ts';

/** Wire schemas of the audit-log routes. An entry on the wire is the stored, hashed entry, field for field. */
export const orgParams = z.strictObject({
  // `instance`: the instance's own chain (users' security events), which only operators can read.
  orgId: z
    .string()
    .regex(/^(org_[0-9A-HJKMNP-TV-Z]{26}|instance)$/, 'must be an organization id (org_…) or `instance`'),
});

const timestamp = (what: string) =>
  z.iso
    .datetime({ offset: true })
    .optional()
    .describe(`RFC 3339 (e.g. 2026-01-31T09:00:00Z): entries that occurred ${what}`);

/** The filters a list and an export share. */
const filters = {
  actor_id: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Only entries by this actor (a user, key or operator id)'),
  actor_type: z.enum(ACTOR_TYPES).optional().describe('Only entries by this kind of actor'),
  action: z
    .string()
    .max(200)
    .regex(ACTION_FILTER, 'must be an action (member.removed) or a family ending in a dot (member.)')
    .optional()
    .describe('An exact action (`member.removed`), or a family when it ends with a dot (`member.`)'),
  since: timestamp('at or after this time'),
  until: timestamp('before this time'),
};

export const listQuery = z.strictObject({
  ...filters,
  order: z
    .enum(['desc', 'asc'])
    .default('desc')
    .describe('`desc`: newest first (default); `asc`: chain order, for catching up from a cursor'),
  cursor: z.string().max(512).optional().describe('next_cursor of the previous page (same order)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const noQuery = z.strictObject({});

export const exportQuery = z.strictObject({
  ...filters,
  after_seq: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Only entries after this seq (resume an export from the last line you have)'),
});

export const auditEntrySchema = z.strictObject({
  org_id: z.string(),
  seq: z.number().int(),
  id: z.string(),
  actor_type: z.enum(ACTOR_TYPES),
  actor_id: z.string().nullable(),
  action: z.string(),
  target_type: z.string().nullable(),
  target_id: z.string().nullable(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  trace_id: z.string().nullable(),
  occurred_at: z.string().describe('ISO 8601, UTC, milliseconds'),
  metadata: z.record(z.string(), z.unknown()),
  prev_hash: z.string().describe('The previous entry’s hash (64 zeros for seq 1)'),
  hash: z.string().describe('SHA-256 (hex) of the RFC 8785 canonical JSON of every other field'),
});

export const auditPageSchema = z.strictObject({
  data: z.array(auditEntrySchema),
  next_cursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last'),
});

export const verifyResultSchema = z.strictObject({
  org_id: z.string(),
  ok: z.boolean(),
  entries_verified: z.number().int(),
  head: z.strictObject({ seq: z.number().int(), hash: z.string() }).nullable(),
  first_break: z
    .strictObject({
      seq: z.number().int(),
      entry_id: z.string().nullable(),
      reason: z.enum([
        'org_mismatch',
        'sequence_gap',
        'prev_hash_mismatch',
        'hash_mismatch',
        'missing_tail',
        'untracked_entry',
        'head_mismatch',
        'missing_head',
      ]),
      detail: z.string(),
    })
    .nullable(),
});

export const ndjsonExport = z
  .string()
  .describe(
    'One audit entry (as in the list) per line, in chain (seq) order, the order the chain verifies in',
  );
