import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bulkEtag, contextFault, etagMatches, ofrepAnswer, ofrepStatus } from './ofrep-answers.ts';

describe('OFREP answers', () => {
  it('an ETag changes with the version, the environment and the context', () => {
    const etag = bulkEtag('production', 7, { targetingKey: 'u' });
    assert.equal(etag, bulkEtag('production', 7, { targetingKey: 'u' }));
    assert.notEqual(etag, bulkEtag('production', 8, { targetingKey: 'u' }));
    assert.notEqual(etag, bulkEtag('staging', 7, { targetingKey: 'u' }));
    assert.notEqual(etag, bulkEtag('production', 7, { targetingKey: 'v' }));
  });

  it('If-None-Match: lists, weak tags and * match; others do not', () => {
    const etag = '"7-abc"';
    assert.ok(etagMatches('"7-abc"', etag));
    assert.ok(etagMatches('"1-x", W/"7-abc"', etag));
    assert.ok(etagMatches('*', etag));
    assert.ok(!etagMatches('"7-abd"', etag));
    assert.ok(!etagMatches(undefined, etag));
  });

  it('maps results to success and failure bodies and statuses', () => {
    assert.deepEqual(ofrepAnswer('f', { value: 1, variant: 'a', reason: 'STATIC' }), {
      key: 'f',
      value: 1,
      variant: 'a',
      reason: 'STATIC',
      metadata: {},
    });
    assert.deepEqual(
      ofrepAnswer('f', { value: false, reason: 'ERROR', errorCode: 'PARSE_ERROR', errorMessage: 'bad' }),
      { key: 'f', errorCode: 'PARSE_ERROR', errorDetails: 'bad' },
    );
    assert.equal(ofrepStatus('FLAG_NOT_FOUND'), 404);
    assert.equal(ofrepStatus('TARGETING_KEY_MISSING'), 400);
    assert.equal(contextFault(undefined), undefined);
    assert.equal(contextFault({}), undefined);
    assert.ok(contextFault([]));
    assert.ok(contextFault(null));
  });
});
