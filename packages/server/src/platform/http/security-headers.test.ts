import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basicProbes } from '../../../test/support/probes/basic-probes.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';

describe('security headers and CORS', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      plugins: [basicProbes],
      env: { KEYSTONE_CORS_ORIGINS: 'https://app.example.com' },
    });
  });
  after(() => t.close());

  function assertHardened(headers: Record<string, unknown>) {
    assert.match(String(headers['strict-transport-security']), /max-age=\d+; includeSubDomains/);
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['x-frame-options'], 'DENY');
    assert.equal(headers['referrer-policy'], 'no-referrer');
    assert.match(String(headers['content-security-policy']), /frame-ancestors 'none'/);
  }

  it('hardens JSON responses, error responses and unknown routes alike', async () => {
    for (const url of ['/healthz', '/probe/boom', '/nowhere']) {
      const res = await t.app.inject({ method: 'GET', url });
      assertHardened(res.headers);
      assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    }
  });

  it('serves the docs page under a strict CSP: no inline script, no third-party origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(res.statusCode, 200);
    assertHardened(res.headers);
    const csp = String(res.headers['content-security-policy']);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    assert.ok(scriptSrc.length > 0, csp);
    assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
  });

  it('answers CORS only for configured origins', async () => {
    const allowed = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://app.example.com' },
    });
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.match(String(allowed.headers['access-control-expose-headers']), /ratelimit/i);

    const denied = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(denied.headers['access-control-allow-origin'], undefined);

    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/probe/echo',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,idempotency-key',
      },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.match(String(preflight.headers['access-control-allow-headers']), /idempotency-key/);
  });

  it('sends no CORS headers at all when no origin is configured', async () => {
    const plain = await startTestApp();
    try {
      const res = await plain.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { origin: 'https://app.example.com' },
      });
      assert.equal(res.headers['access-control-allow-origin'], undefined);
    } finally {
      await plain.close();
    }
  });
});
