import type { RouteOptions } from 'fastify';
import { z } from 'zod';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const idempotencyKeyHeader = z
  .string()
  .optional()
  .describe(
    'Makes the request safe to retry: the first response is stored for 24 h per credential and key ' +
      'and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, ' +
      'bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; ' +
      'while the first request runs, 409 `idempotency_in_progress`.',
  );

/**
 * onRoute: documents the optional `Idempotency-Key` header on every mutating
 * route in the OpenAPI document, as a header schema the route did not have to
 * write. Loose, so other headers pass; the layer itself parses the value.
 */
export function documentIdempotencyHeader(route: RouteOptions): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!route.schema || route.schema.hide || !methods.some((m) => MUTATING.has(m))) return;
  const headers = route.schema.headers;
  if (headers === undefined) {
    route.schema = { ...route.schema, headers: z.looseObject({ 'idempotency-key': idempotencyKeyHeader }) };
  } else if (headers instanceof z.ZodObject && !('idempotency-key' in headers.shape)) {
    route.schema = { ...route.schema, headers: headers.extend({ 'idempotency-key': idempotencyKeyHeader }) };
  }
}
