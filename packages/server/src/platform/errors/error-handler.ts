import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { SHED_RETRY_AFTER_SECONDS } from '../http/load-shedding.ts';
import { SECURITY_HEADERS } from '../http/security-headers.ts';
import { AppError, type FieldError } from './app-error.ts';
import { errorCodeInfo } from './codes.ts';
import { buildProblem, PROBLEM_CONTENT_TYPE } from './problem.ts';

// OPTIONS is left out: CORS answers it on every path, so it says nothing about a path.
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Sends an AppError as problem+json. Every error response in Keystone goes through here. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const problem = buildProblem({
    code: error.code,
    status: error.status,
    title: error.title,
    detail: error.detail,
    traceId: request.id,
    instance: request.url.split('?')[0],
    fields: error.fields,
    extensions: error.extensions,
  });
  if (error.headers) reply.headers(error.headers);
  return reply.code(error.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/** Maps anything thrown (ours, Fastify's, Zod's, or a bug) to a stable AppError. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const err = error as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const location = locationOf(err.validationContext);
    const fields: FieldError[] = err.validation.map((v) => ({
      field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(root)',
      location,
      message: v.message ?? 'is invalid',
    }));
    return new AppError('validation_failed', {
      detail: `The request ${location} is not valid: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
      fields,
    });
  }
  switch (err?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_json', { detail: err.message });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', { detail: 'The request body exceeds the size limit' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('unsupported_media_type', {
        detail: 'Send a JSON body with Content-Type: application/json',
      });
    case 'FST_UNDER_PRESSURE':
      return new AppError('overloaded', {
        detail: 'The server is shedding load; retry after the indicated delay',
        headers: { 'retry-after': String(SHED_RETRY_AFTER_SECONDS) },
      });
    case 'FST_ERR_CTP_EMPTY_TYPE':
      return new AppError('unsupported_media_type', { detail: 'A body needs a Content-Type header' });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('uri_too_long', { detail: 'A path segment is longer than any id this API uses' });
    case 'FST_ERR_BAD_URL':
      return new AppError('bad_request', { detail: 'The path is not a valid URL (bad percent-encoding)' });
  }
  if (err instanceof SyntaxError && err.message.includes('JSON')) {
    return new AppError('malformed_json', { detail: err.message });
  }
  const status = typeof err?.statusCode === 'number' ? err.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code =
      status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
    return new AppError(code, { detail: errorCodeInfo(code).title });
  }
  return new AppError('internal_error', { cause: error });
}

function locationOf(context: string | undefined): FieldError['location'] {
  if (context === 'querystring') return 'query';
  if (context === 'params' || context === 'headers') return context;
  return 'body';
}

/**
 * Fastify's `frameworkErrors`: failures the router meets before any route or hook
 * runs (an over-long path segment, a malformed URL) become problems too, with
 * the security headers every response carries.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.headers(SECURITY_HEADERS);
  sendProblem(request, reply, toAppError(error));
}

/** Logs a refused request: a bug (500) with its stack, pressure as a warning, a client's fault as info. */
export function logRejection(request: FastifyRequest, appError: AppError, error: unknown): void {
  if (appError.status === 500) {
    request.log.error({ err: error, code: appError.code }, 'request failed');
  } else if (appError.status >= 500) {
    // Shedding load or not ready: expected under pressure, no stack worth logging.
    request.log.warn({ code: appError.code }, 'request refused');
  } else {
    request.log.info({ code: appError.code }, 'request rejected');
  }
}

/** Installs the error and not-found handlers: every failure becomes problem+json. */
export function installErrorHandling(app: FastifyInstance): void {
  // A second router over the same routes answers "which methods exist for this path?", for 405.
  const known = FindMyWay();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (!known.hasRoute(method as HTTPMethod, route.url))
        known.on(method as HTTPMethod, route.url, () => {});
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    logRejection(request, appError, error);
    return sendProblem(request, reply, appError);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = HTTP_METHODS.filter((method) => known.find(method, path) !== null);
    if (allowed.length > 0) {
      return sendProblem(
        request,
        reply,
        new AppError('method_not_allowed', {
          detail: `${request.method} is not allowed here; use ${allowed.join(', ')}`,
          headers: { allow: allowed.join(', ') },
        }),
      );
    }
    return sendProblem(
      request,
      reply,
      new AppError('not_found', { detail: `No route ${request.method} ${path}` }),
    );
  });
}
