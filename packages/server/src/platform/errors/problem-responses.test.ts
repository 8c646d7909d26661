import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basicProbes } from '../../../test/support/probes/basic-probes.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';

describe('problem+json responses', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ plugins: [basicProbes], env: { KEYSTONE_BODY_LIMIT: '2048' } });
  });
  after(() => t.close());

  function assertProblem(
    res: { statusCode: number; headers: Record<string, unknown>; json(): any },
    status: number,
    code: string,
  ) {
    assert.equal(res.statusCode, status);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const body = res.json();
    assert.equal(body.status, status);
    assert.equal(body.code, code);
    assert.equal(body.type, `https://keystone.dev/errors/${code.replaceAll('_', '-')}`);
    assert.equal(typeof body.title, 'string');
    assert.equal(body.trace_id, res.headers['x-request-id']);
    return body;
  }

  it('accepts a valid request', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/probe/echo?loud=true',
      payload: { name: 'ada', count: 2 },
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { name: 'ADA', count: 2 });
  });

  it('lists every field at fault for a validation failure', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/probe/echo', payload: { name: '', count: 1.5 } });
    const body = assertProblem(res, 400, 'validation_failed');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['count', 'name']);
    assert.ok(body.errors.every((e: { location: string }) => e.location === 'body'));
  });

  it('rejects unknown body fields and unknown query parameters', async () => {
    const extra = await t.app.inject({
      method: 'POST',
      url: '/probe/echo',
      payload: { name: 'a', count: 1, admin: true },
    });
    assertProblem(extra, 400, 'validation_failed');
    const query = await t.app.inject({
      method: 'POST',
      url: '/probe/echo?debug=1',
      payload: { name: 'a', count: 1 },
    });
    const body = assertProblem(query, 400, 'validation_failed');
    assert.equal(body.errors[0].location, 'query');
  });

  it('answers malformed JSON with malformed_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/probe/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "a",',
    });
    assertProblem(res, 400, 'malformed_json');
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/probe/echo',
      payload: { name: 'x'.repeat(5000), count: 1 },
    });
    assertProblem(res, 413, 'payload_too_large');
  });

  it('answers a wrong content type with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/probe/echo',
      headers: { 'content-type': 'text/plain' },
      payload: 'name=a',
    });
    assertProblem(res, 415, 'unsupported_media_type');
    const form = await t.app.inject({
      method: 'POST',
      url: '/probe/echo',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=a&count=1',
    });
    assertProblem(form, 415, 'unsupported_media_type');
  });

  it('answers an unknown route with 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/no/such/route' });
    const body = assertProblem(res, 404, 'not_found');
    assert.equal(body.instance, '/no/such/route');
  });

  it('answers a known path with a wrong method with 405 and Allow', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/probe/echo' });
    assertProblem(res, 405, 'method_not_allowed');
    assert.equal(res.headers.allow, 'POST');
  });

  it('answers an unexpected exception with 500 and no internals', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/probe/boom' });
    const body = assertProblem(res, 500, 'internal_error');
    assert.doesNotMatch(res.body, /postgres|secret|stack|Error:/);
    assert.equal(body.detail, undefined);
  });

  it('requires a credential on routes that are not public, and rejects a bad one', async () => {
    assertProblem(await t.app.inject({ method: 'GET', url: '/probe/whoami' }), 401, 'unauthenticated');
    const bad = await t.app.inject({
      method: 'GET',
      url: '/probe/whoami',
      headers: { 'x-keystone-key': `ks_operator_${'A'.repeat(43)}` },
    });
    assertProblem(bad, 401, 'unauthenticated');
    const good = await t.app.inject({ method: 'GET', url: '/probe/whoami', headers: t.operator });
    assert.equal(good.statusCode, 200);
    assert.equal(good.json().kind, 'operator');
  });
});
