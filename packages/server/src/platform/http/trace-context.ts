import { randomFillSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): a request joins the
 * caller's trace when it sends a valid `traceparent`, else the `X-Request-Id` it
 * sends, else a fresh trace. The trace id is the request id everywhere: logs,
 * audit entries, problem bodies and the response headers.
 */
export type TraceContext = { traceId: string; spanId: string; flags: string; fromCaller: boolean };

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

export function parseTraceparent(header: string | undefined): TraceContext | undefined {
  if (!header) return undefined;
  const match = TRACEPARENT.exec(header.trim().toLowerCase());
  if (!match) return undefined;
  const [, traceId, parentId, flags] = match as unknown as [string, string, string, string];
  if (traceId === ZERO_TRACE || parentId === ZERO_SPAN) return undefined;
  return { traceId, spanId: newSpanId(), flags, fromCaller: true };
}

// Ids come from a pool of random bytes refilled 4 KiB at a time: one hex slice per id, instead
// of a system call (randomBytes) or a UUID formatted and then stripped of its dashes.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

export function newSpanId(): string {
  const id = randomHex(8);
  // All zeros is the W3C's invalid id; with 64 random bits it never comes, but never is cheap.
  return id === ZERO_SPAN ? newSpanId() : id;
}

export function newTraceId(): string {
  const id = randomHex(16);
  return id === ZERO_TRACE ? newTraceId() : id;
}

/** The id a request is known by: the caller's trace id, its X-Request-Id, or a new trace id. */
export function requestIdFor(req: IncomingMessage): string {
  const traceparent = req.headers.traceparent;
  const fromTrace = parseTraceparent(typeof traceparent === 'string' ? traceparent : undefined);
  if (fromTrace) return fromTrace.traceId;
  const requestId = req.headers['x-request-id'];
  if (typeof requestId === 'string' && REQUEST_ID.test(requestId)) return requestId;
  return newTraceId();
}

/** The `traceparent` to answer with: same trace, this server's span. */
export function responseTraceparent(traceId: string, incoming: string | undefined): string {
  const parsed = parseTraceparent(incoming);
  const trace = /^[0-9a-f]{32}$/.test(traceId) ? traceId : (parsed?.traceId ?? newTraceId());
  return `00-${trace}-${newSpanId()}-${parsed?.flags ?? '01'}`;
}
