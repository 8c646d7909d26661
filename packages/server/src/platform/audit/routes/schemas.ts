import { z } from 'zod';
import { ACTOR_TYPES } from '../engine/audit-entry.ts';

/** Wire schemas of the audit routes. An entry on the wire is the stored, hashed entry, field for field. */
export const orgParams = z.strictObject({
  // `instance`: the instance's own chain (users' security events), which only operators can read.
  orgId: z
    .string()
    .regex(/^(org_[0-9A-HJKMNP-TV-Z]{26}|instance)$/, 'must be an organization id (org_…) or `instance`'),
});

const afterSeq = z.coerce
  .number()
  .int()
  .min(0)
  .optional()
  .describe('Return entries after this seq (the previous page’s `next_after_seq`)');

export const listQuery = z.strictObject({
  after_seq: afterSeq,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const noQuery = z.strictObject({});

export const exportQuery = z.strictObject({ after_seq: afterSeq });

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
  next_after_seq: z.number().int().nullable(),
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

export const ndjsonExport = z.string().describe('One audit entry (as in the list) per line, in seq order');
