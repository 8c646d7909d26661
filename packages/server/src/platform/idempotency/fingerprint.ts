import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** What identifies "the same request" for a replay: the route it reached and what it asked. */
export type RequestShape = {
  method: string;
  /** The route pattern (`/orgs/:orgId/members`); the params say which resource. */
  route: string;
  params?: unknown;
  query?: unknown;
  body?: unknown;
};

/**
 * SHA-256 (hex) over the canonical JSON (RFC 8785) of the request's method,
 * route, params, query and body, as validated. Key order and whitespace do not
 * change it; any value that reaches the handler differently does.
 */
export function requestFingerprint(shape: RequestShape): string {
  const canonical = canonicalize({
    method: shape.method.toUpperCase(),
    route: shape.route,
    params: shape.params ?? null,
    query: shape.query ?? null,
    body: shape.body ?? null,
  });
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}
