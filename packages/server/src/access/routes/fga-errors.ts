/**
 * Errors on the /fga routes, as OpenFGA clients read them: the body is Keystone's problem+json with
 * OpenFGA's `code` (`validation_error`, `store_id_not_found`, ...) and its `message` beside `detail`,
 * so both a problem+json reader and OpenFGA's SDKs (which read `code` and `message`) understand it.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors/app-error.ts';
import { logRejection, sendProblem, toAppError } from '../../platform/errors/error-handler.ts';
import type { CheckOutcome } from '../engine/check.ts';
import type { EngineFailureKind } from '../engine/engine-error.ts';
import { AccessError } from '../service/access-error.ts';
import '../errors.ts';

/** OpenFGA's error name for each engine failure (its ErrorCode / InternalErrorCode enums). */
export function openFgaCodeOf(kind: EngineFailureKind): string {
  switch (kind) {
    case 'invalid_model':
    case 'invalid_request':
    case 'missing_condition_parameter':
    case 'condition_error':
      return 'validation_error';
    case 'invalid_contextual_tuple':
      return 'invalid_tuple';
    case 'depth_exceeded':
      return 'authorization_model_resolution_too_complex';
    case 'deadline_exceeded':
      return 'deadline_exceeded';
    case 'type_not_found':
    case 'relation_not_found':
    case 'result_limit_exceeded':
      return kind;
    case 'storage_error':
      return 'internal_error';
  }
}

/** A failed check outcome as the AppError the route throws (never an allow). */
export function checkFailure(outcome: Extract<CheckOutcome, { decision: 'error' }>): AppError {
  const code = openFgaCodeOf(outcome.kind);
  // A storage failure keeps its details out of the response (the log has them).
  if (code === 'internal_error') return new AppError(code, { cause: new Error(outcome.message) });
  return new AppError(code, { detail: outcome.message });
}

/** The service's refusal as an AppError; anything else passes through unchanged. */
export function fromAccessError(error: unknown): unknown {
  return error instanceof AccessError ? new AppError(error.code, { detail: error.message }) : error;
}

/** Installs the /fga error handler on the routes' plugin (Fastify scopes it to them). */
export function installOpenFgaErrors(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    let appError = toAppError(fromAccessError(error));
    // OpenFGA names a malformed request `validation_error`; the fields stay as Keystone lists them.
    if (appError.code === 'validation_failed') {
      appError = new AppError('validation_error', {
        ...(appError.detail ? { detail: appError.detail } : {}),
        ...(appError.fields ? { fields: appError.fields } : {}),
        ...(appError.headers ? { headers: appError.headers } : {}),
      });
    }
    logRejection(request, appError, error);
    const withMessage = new AppError(appError.code, {
      ...(appError.detail ? { detail: appError.detail } : {}),
      ...(appError.fields ? { fields: appError.fields } : {}),
      ...(appError.headers ? { headers: appError.headers } : {}),
      extensions: { ...appError.extensions, message: appError.detail ?? appError.title },
    });
    return sendProblem(request, reply, withMessage);
  });
}
