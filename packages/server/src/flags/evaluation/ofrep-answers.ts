/**
 * OFREP v1's bodies (https://github.com/open-feature/protocol): an evaluation as the protocol writes
 * it, the status each error code answers with, and the bulk ETag. Pure, so the SSE/SDK side and tests
 * can use them as they are.
 */
import { createHash } from 'node:crypto';
import type { EvaluationErrorCode, EvaluationResult, FlagEvaluation } from '@keystone/flags';

export type OfrepSuccess = {
  key: string;
  value: unknown;
  reason: string;
  variant?: string;
  metadata: Readonly<Record<string, string | number | boolean>>;
};
export type OfrepFailure = { key: string; errorCode: string; errorDetails?: string };

/** OFREP's single evaluation: 404 for a missing flag, 400 for the other evaluation errors. */
export function ofrepStatus(errorCode: EvaluationErrorCode): 400 | 404 {
  return errorCode === 'FLAG_NOT_FOUND' ? 404 : 400;
}

export function ofrepAnswer(
  key: string,
  result: EvaluationResult | FlagEvaluation,
): OfrepSuccess | OfrepFailure {
  return result.reason === 'ERROR' || result.value === undefined
    ? ofrepFailure(key, result)
    : ofrepSuccess(key, result);
}

export function ofrepFailure(key: string, result: EvaluationResult | FlagEvaluation): OfrepFailure {
  return {
    key,
    errorCode: result.errorCode ?? 'GENERAL',
    ...(result.errorMessage ? { errorDetails: result.errorMessage } : {}),
  };
}

export function ofrepSuccess(key: string, result: EvaluationResult | FlagEvaluation): OfrepSuccess {
  return {
    key,
    value: result.value,
    reason: result.reason,
    ...(result.variant !== undefined ? { variant: result.variant } : {}),
    metadata: result.flagMetadata ?? {},
  };
}

/**
 * The bulk answer's validator: the flag-set version and a hash of the environment and the context as
 * sent. Evaluation is pure (no clock), so the same context at the same version answers the same flags.
 */
export function bulkEtag(environment: string, version: number, context: unknown): string {
  const digest = createHash('sha256')
    .update(environment)
    .update('\u0000')
    .update(JSON.stringify(context) ?? '')
    .digest('base64url')
    .slice(0, 22);
  return `"${version}-${digest}"`;
}

/** Whether an If-None-Match header names this ETag (a list, `*`, weak or strong). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** OFREP's INVALID_CONTEXT: the context, when sent, must be a JSON object. */
export function contextFault(context: unknown): string | undefined {
  if (context === undefined) return undefined;
  return typeof context === 'object' && context !== null && !Array.isArray(context)
    ? undefined
    : 'the evaluation context must be a JSON object';
}
