import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { parseTraceparent, requestIdFor, responseTraceparent } from './trace-context.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const incoming = `00-${TRACE}-00f067aa0ba902b7-01`;
const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('trace context', () => {
  it('parses a valid traceparent and rejects malformed or all-zero ones', () => {
    assert.equal(parseTraceparent(incoming)?.traceId, TRACE);
    assert.equal(parseTraceparent(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`), undefined);
    assert.equal(parseTraceparent(`00-${TRACE}-${'0'.repeat(16)}-01`), undefined);
    assert.equal(parseTraceparent('00-xyz-00f067aa0ba902b7-01'), undefined);
    assert.equal(parseTraceparent(undefined), undefined);
  });

  it('takes the request id from traceparent, else X-Request-Id, else a new trace id', () => {
    assert.equal(requestIdFor(req({ traceparent: incoming, 'x-request-id': 'abc' })), TRACE);
    assert.equal(requestIdFor(req({ 'x-request-id': 'order-42' })), 'order-42');
    assert.match(requestIdFor(req({ 'x-request-id': 'bad id with spaces' })), /^[0-9a-f]{32}$/);
    assert.match(requestIdFor(req({})), /^[0-9a-f]{32}$/);
  });

  it('answers with the same trace and a new span of its own', () => {
    const out = responseTraceparent(TRACE, incoming);
    const parsed = parseTraceparent(out);
    assert.equal(parsed?.traceId, TRACE);
    assert.notEqual(out.split('-')[2], '00f067aa0ba902b7');
    assert.equal(out.split('-')[3], '01');
  });
});
