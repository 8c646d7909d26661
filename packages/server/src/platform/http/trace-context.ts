import { randomUUID } from 'node:crypto';
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

// randomUUID draws from a pooled entropy buffer: far cheaper per request than randomBytes.
// Its fixed version/variant nibbles are harmless in ids that only need to be unique.
export function newSpanId(): string {
  return randomUUID().slice(19).replace('-', '');
}

export function newTraceId(): string {
  return randomUUID().replaceAll('-', '');
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
