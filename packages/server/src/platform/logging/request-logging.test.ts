import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { basicProbes } from '../../../test/support/probes/basic-probes.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';

describe('request logging and trace correlation', () => {
  let t: TestApp;
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  before(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
    });
    t = await startTestApp({ plugins: [basicProbes], env: { LOG_LEVEL: 'info' }, logStream: stream });
  });
  after(() => t.close());

  const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

  it('carries the caller traceparent into the response, the problem body and every log line', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/probe/boom',
      headers: { traceparent: `00-${TRACE}-00f067aa0ba902b7-01` },
    });
    assert.equal(res.statusCode, 500);
    assert.equal(res.headers['x-request-id'], TRACE);
    assert.match(String(res.headers.traceparent), new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));
    assert.equal(res.json().trace_id, TRACE);
    const ours = lines.filter((l) => l.reqId === TRACE);
    assert.ok(ours.length >= 2, 'request and response lines carry the trace id');
    assert.ok(
      ours.some((l) => l.level === 50 && typeof l.err === 'object'),
      'the failure is logged with its trace',
    );
  });

  it('honours X-Request-Id when no traceparent is sent', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'req-123' },
    });
    assert.equal(res.headers['x-request-id'], 'req-123');
    assert.ok(lines.some((l) => l.reqId === 'req-123'));
  });

  it('redacts credentials, passwords and tokens', async () => {
    const before = raw.length;
    await t.app.inject({ method: 'GET', url: '/probe/whoami', headers: t.operator });
    await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { authorization: 'Bearer super-secret-token', cookie: 'session=abc123' },
    });
    t.app.log.info({ user: { password: 'hunter2', refreshToken: 'rt_live_x' } }, 'something happened');
    const text = raw.slice(before).join('\n');
    assert.ok(text.length > 0);
    for (const secret of [t.operatorKey, 'super-secret-token', 'session=abc123', 'hunter2', 'rt_live_x']) {
      assert.ok(!text.includes(secret), `${secret} must not be logged`);
    }
  });

  it('writes one completion line per request, shaped as pino writes it, without the query string', async () => {
    const before = lines.length;
    await t.app.inject({
      method: 'GET',
      url: '/no"where\\?token=secret',
      headers: { 'x-request-id': 'req-line' },
    });
    const ours = lines.slice(before).filter((l) => l.reqId === 'req-line');
    assert.equal(ours.length, 1);
    const line = ours[0] as Record<string, unknown>;
    assert.deepEqual(Object.keys(line), [
      'level',
      'time',
      'pid',
      'hostname',
      'reqId',
      'method',
      'url',
      'remoteAddress',
      'statusCode',
      'responseTime',
      'msg',
    ]);
    assert.equal(line.level, 30);
    assert.equal(line.pid, process.pid);
    assert.equal(line.url, '/no%22where/', 'the query string (which may carry secrets) is dropped');
    assert.equal(line.statusCode, 404);
    assert.equal(typeof line.responseTime, 'number');
    assert.equal(line.msg, 'request completed');
  });
});
