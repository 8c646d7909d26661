/** Zod schemas of OFREP v1's requests and bodies, as the OpenFeature providers send and read them. */
import { z } from 'zod';
import { problemMembers } from './ofrep-problem.ts';

const metadata = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .describe('flagSetVersion, flagVersion, ruleId: what decided the answer');

export const ofrepRequest = z
  .looseObject({
    context: z
      .unknown()
      .optional()
      .describe('The evaluation context: targetingKey and any attributes (an object)'),
  })
  .describe('OFREP evaluation request (fields other than context are ignored, as OFREP asks)');

/** The web provider adds these when it follows an event stream; Keystone ignores them. */
export const ofrepQuery = z.strictObject({
  flagConfigEtag: z.string().max(200).optional(),
  flagConfigLastModified: z.string().max(200).optional(),
});

export const ofrepFlagParams = z.strictObject({ key: z.string().min(1).max(200) });

export const ofrepSuccess = z.strictObject({
  key: z.string(),
  value: z.unknown().describe('The variant’s value: boolean, string, number or JSON'),
  reason: z.string().describe('STATIC, TARGETING_MATCH, SPLIT, DISABLED, DEFAULT or PREREQUISITE_FAILED'),
  variant: z.string().optional(),
  metadata,
});

export const ofrepFailure = z.strictObject({
  key: z.string(),
  errorCode: z
    .string()
    .describe('FLAG_NOT_FOUND, PARSE_ERROR, TARGETING_KEY_MISSING, INVALID_CONTEXT or GENERAL'),
  errorDetails: z.string().optional(),
});

export const ofrepBulkSuccess = z.strictObject({
  flags: z.array(z.union([ofrepSuccess, ofrepFailure])),
  metadata: z.strictObject({ flagSetVersion: z.number().int() }),
});

export const ofrepBulkFailure = z.strictObject({
  errorCode: z.string().describe('INVALID_CONTEXT or PARSE_ERROR'),
  errorDetails: z.string().optional(),
});

/** The error answers: OFREP's body, in a problem+json document (ofrep-problem.ts). */
export const ofrepFailureProblem = ofrepFailure.extend(problemMembers);
export const ofrepBulkFailureProblem = ofrepBulkFailure.extend({
  ...problemMembers,
  key: z.string().optional(),
});

export const ofrepNotModified = z.null().describe('Not modified: the If-None-Match ETag is current');
