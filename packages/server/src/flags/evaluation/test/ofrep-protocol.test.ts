import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type EvaluationServer, startEvaluationServer } from './evaluation-server.ts';

/** OFREP's wire answers the providers rely on, byte for byte: error bodies, statuses, ETag and 304. */
describe('OFREP on the wire', () => {
  let s: EvaluationServer;
  const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
    s.app.inject({
      method: 'POST',
      url,
      headers: {
        authorization: `Bearer ${s.secret.development}`,
        'content-type': 'application/json; charset=utf-8',
        ...headers,
      },
      payload,
    });
  before(async () => {
    s = await startEvaluationServer();
  });
  after(() => s.close());

  it('single: 200 success body, 404 FLAG_NOT_FOUND, 400 INVALID_CONTEXT and PARSE_ERROR with the key', async () => {
    const ok = await post('/ofrep/v1/evaluate/flags/banner', '{"context":{"targetingKey":"u"}}');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.match(String(ok.headers['content-type']), /^application\/json/);
    assert.deepEqual(ok.json(), {
      key: 'banner',
      value: 'Welcome!',
      reason: 'STATIC',
      variant: 'welcome',
      metadata: { flagSetVersion: ok.json().metadata.flagSetVersion, flagVersion: 1 },
    });
    const missing = await post('/ofrep/v1/evaluate/flags/nope', '{"context":{}}');
    assert.equal(missing.statusCode, 404);
    // OFREP's body, inside a problem+json document with Keystone's stable code.
    assert.match(String(missing.headers['content-type']), /^application\/problem\+json/);
    const { key, errorCode, errorDetails, code, status } = missing.json();
    assert.deepEqual(
      { key, errorCode, errorDetails, code, status },
      {
        key: 'nope',
        errorCode: 'FLAG_NOT_FOUND',
        errorDetails: 'flag nope is not in the development flag set',
        code: 'flag_not_found',
        status: 404,
      },
    );
    const badContext = await post('/ofrep/v1/evaluate/flags/banner', '{"context":"u"}');
    assert.equal(badContext.statusCode, 400);
    assert.equal(badContext.json().errorCode, 'INVALID_CONTEXT');
    assert.equal(badContext.json().key, 'banner');
    assert.equal(badContext.json().code, 'validation_failed');
    const notJson = await post('/ofrep/v1/evaluate/flags/banner', '{"context":');
    assert.equal(notJson.statusCode, 400);
    assert.deepEqual(
      { key: notJson.json().key, errorCode: notJson.json().errorCode },
      { key: 'banner', errorCode: 'PARSE_ERROR' },
    );
    const noBody = await post('/ofrep/v1/evaluate/flags/banner', '{}');
    assert.equal(noBody.statusCode, 200, 'no context is an empty one');
  });

  it('single: a rollout without its bucketing attribute is 400 TARGETING_KEY_MISSING', async () => {
    const res = await post('/ofrep/v1/evaluate/flags/new-checkout', '{"context":{}}', {
      authorization: `Bearer ${s.secret.production}`,
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errorCode, 'TARGETING_KEY_MISSING');
  });

  it('bulk: an ETag per flag-set version and context; If-None-Match is 304; a change is a new ETag', async () => {
    const context = '{"context":{"targetingKey":"u","organization":"org_acme"}}';
    const first = await post('/ofrep/v1/evaluate/flags', context);
    assert.equal(first.statusCode, 200, first.body);
    const etag = String(first.headers.etag);
    assert.match(etag, /^"\d+-[\w-]+"$/);
    assert.equal(first.json().flags.length, 5);
    assert.equal(first.json().metadata.flagSetVersion > 0, true);

    const again = await post('/ofrep/v1/evaluate/flags', context, { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers.etag, etag);
    assert.equal(
      (await post('/ofrep/v1/evaluate/flags', context, { 'if-none-match': `W/${etag}` })).statusCode,
      304,
    );

    const otherContext = await post('/ofrep/v1/evaluate/flags', '{"context":{"targetingKey":"v"}}', {
      'if-none-match': etag,
    });
    assert.equal(otherContext.statusCode, 200);
    assert.notEqual(otherContext.headers.etag, etag);
    const otherEnvironment = await post('/ofrep/v1/evaluate/flags', context, {
      authorization: `Bearer ${s.secret.production}`,
      'if-none-match': etag,
    });
    assert.equal(otherEnvironment.statusCode, 200);

    await s.killFlag('kill-me', 'development');
    const changed = await post('/ofrep/v1/evaluate/flags', context, { 'if-none-match': etag });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
    const killMe = changed.json().flags.find((flag: { key: string }) => flag.key === 'kill-me');
    assert.deepEqual([killMe.value, killMe.reason], [false, 'DISABLED']);
  });

  it('bulk: a flag in error is listed with its code; a bad context is 400 without a key', async () => {
    const res = await post('/ofrep/v1/evaluate/flags', '{"context":{}}', {
      authorization: `Bearer ${s.secret.production}`,
    });
    const checkout = res.json().flags.find((flag: { key: string }) => flag.key === 'new-checkout');
    assert.deepEqual(checkout, {
      key: 'new-checkout',
      errorCode: 'TARGETING_KEY_MISSING',
      errorDetails: checkout.errorDetails,
    });
    const bad = await post('/ofrep/v1/evaluate/flags', '{"context":[1]}');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errorCode, 'INVALID_CONTEXT');
    const notJson = await post('/ofrep/v1/evaluate/flags', 'nope');
    assert.equal(notJson.statusCode, 400);
    assert.equal(notJson.json().errorCode, 'PARSE_ERROR');
  });

  it('no credential is 401, and a preflight from the key’s origin allows If-None-Match and exposes ETag', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/ofrep/v1/evaluate/flags', payload: {} });
    assert.equal(res.statusCode, 401);
    const preflight = await s.app.inject({
      method: 'OPTIONS',
      url: '/ofrep/v1/evaluate/flags',
      headers: {
        origin: s.webOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, if-none-match, x-keystone-key',
      },
    });
    assert.ok(preflight.statusCode < 300, preflight.body);
    assert.match(String(preflight.headers['access-control-allow-headers']), /if-none-match/);
    const real = await post('/ofrep/v1/evaluate/flags', '{}', {
      authorization: '',
      'x-keystone-key': s.publishable,
      origin: s.webOrigin,
    });
    assert.equal(real.statusCode, 200, real.body);
    assert.match(String(real.headers['access-control-expose-headers']), /etag/);
  });
});
