/**
 * Every error code the API can answer with, its HTTP status and title.
 * docs/errors.md lists each one; a test keeps the two in step.
 * Modules add their codes here (or in a `<module>/errors.ts` spread into this map).
 */
export const platformErrorCodes = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  bad_request: { status: 400, title: 'The request cannot be processed' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'The credential may not do this' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  idempotency_in_progress: { status: 409, title: 'A request with this Idempotency-Key is still in progress' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  uri_too_long: { status: 414, title: 'The request path is too long' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  idempotency_key_reused: {
    status: 422,
    title: 'This Idempotency-Key was used with a different request',
  },
  idempotency_key_invalid: { status: 400, title: 'The Idempotency-Key header is not valid' },
  password_rejected: { status: 422, title: 'The password is not acceptable' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal server error' },
  decryption_failed: { status: 500, title: 'Stored encrypted data could not be decrypted' },
  encryption_key_mismatch: { status: 500, title: 'The master key does not match the stored data keys' },
  overloaded: { status: 503, title: 'The server is overloaded; retry later' },
  not_ready: { status: 503, title: 'The service is not ready' },
  mail_unavailable: { status: 503, title: 'Mail cannot be sent right now' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCodeInfo = { status: number; title: string };

const registry = new Map<string, ErrorCodeInfo>(Object.entries(platformErrorCodes));

/** Lets a module register its own codes; a code may be registered only once. */
export function registerErrorCodes(codes: Record<string, ErrorCodeInfo>): void {
  for (const [code, info] of Object.entries(codes)) {
    if (!/^[a-z][a-z0-9_]*$/.test(code)) throw new Error(`error code ${code} must be lower snake_case`);
    const existing = registry.get(code);
    if (existing && (existing.status !== info.status || existing.title !== info.title)) {
      throw new Error(`error code ${code} registered twice`);
    }
    registry.set(code, info);
  }
}

export function errorCodeInfo(code: string): ErrorCodeInfo {
  return registry.get(code) ?? platformErrorCodes.internal_error;
}

export function allErrorCodes(): ReadonlyMap<string, ErrorCodeInfo> {
  return registry;
}
