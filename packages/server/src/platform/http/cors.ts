import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { type MaybePromise, then } from './sync-hook.ts';

/**
 * Origins allowed besides the configured ones, without credentials: the API key
 * module's publishable keys' `allowed_origins`. Answers at once from memory when
 * it can, so most checks cost no I/O.
 */
export type OriginAllowList = { allows(origin: string): MaybePromise<boolean> };

/** What a CORS check did: let the request go on, or answer it (a preflight). */
export type CorsOutcome = 'continue' | 'answered';

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  // OFREP's bulk evaluation revalidates with it (flags/evaluation).
  'if-none-match',
  'x-keystone-key',
  // Identity's cookie mode (identity/routes/token-delivery.ts).
  'x-keystone-csrf',
  'x-keystone-token-delivery',
  'x-request-id',
  'traceparent',
].join(', ');
const EXPOSED_HEADERS = [
  'etag',
  'idempotent-replayed',
  'ratelimit',
  'ratelimit-policy',
  'retry-after',
  'traceparent',
  'x-request-id',
].join(', ');
// Browsers cache an allowed preflight this long; a revoked key is still refused on the real request.
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * CORS for requests that carry an Origin (the caller checks; most API traffic has
 * none and never gets here). Configured origins (KEYSTONE_CORS_ORIGINS) may send
 * credentials (identity's refresh cookie); the publishable keys' origins may not:
 * a browser app there calls with its key, or a bearer token, never with cookies.
 * A preflight carries no key, so it is answered for the union of both; the real
 * request is then held to the presented key's own origins by authentication.
 */
export function createCors(options: { configuredOrigins: readonly string[]; keyOrigins?: OriginAllowList }) {
  const configured = new Set(options.configuredOrigins.map((url) => new URL(url).origin));
  const keyOrigins = options.keyOrigins;

  return function applyCors(
    request: FastifyRequest,
    reply: FastifyReply,
    origin: string,
  ): MaybePromise<CorsOutcome> {
    const withCredentials = configured.has(origin);
    const allowed = withCredentials || keyOrigins === undefined ? withCredentials : keyOrigins.allows(origin);
    return then(allowed, (ok) => {
      appendVary(reply, 'Origin');
      const preflight =
        request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
      if (!ok) {
        if (!preflight) return 'continue';
        throw new AppError('forbidden', {
          detail:
            'This origin may not call the API: add it to a publishable key’s allowed_origins or KEYSTONE_CORS_ORIGINS',
        });
      }
      reply.header('access-control-allow-origin', origin);
      if (withCredentials) reply.header('access-control-allow-credentials', 'true');
      if (!preflight) {
        reply.header('access-control-expose-headers', EXPOSED_HEADERS);
        return 'continue';
      }
      reply
        .header('access-control-allow-methods', ALLOWED_METHODS)
        .header('access-control-allow-headers', ALLOWED_HEADERS)
        .header('access-control-max-age', PREFLIGHT_MAX_AGE_SECONDS)
        // Safari waits for a body on a 204 without one.
        .header('content-length', '0')
        .code(204)
        .send();
      return 'answered';
    });
  };
}

function appendVary(reply: FastifyReply, name: string): void {
  const current = reply.getHeader('vary');
  if (current === undefined) reply.header('vary', name);
  else if (
    !String(current)
      .split(/\s*,\s*/)
      .includes(name)
  )
    reply.header('vary', `${current}, ${name}`);
}
