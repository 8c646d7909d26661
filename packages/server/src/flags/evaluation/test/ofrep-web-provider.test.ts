import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
import { ErrorCode, OpenFeature, ProviderEvents } from '@openfeature/web-sdk';
import { type EvaluationServer, startEvaluationServer } from './evaluation-server.ts';

type Exchange = { ifNoneMatch: string | null; status: number; etag: string | null };

/**
 * OpenFeature's web SDK with its OFREP provider (it runs in Node 24: fetch, Headers and Request are
 * global; its local cache is turned off, as Node has no localStorage by default) against a listening
 * Keystone with a publishable key, sent from the key's browser origin. The provider fetches every flag
 * at once and polls with If-None-Match; the exchanges are observed on the way through real fetch.
 */
describe('OFREP with @openfeature/ofrep-web-provider (bulk, ETag)', () => {
  let s: EvaluationServer;
  const exchanges: Exchange[] = [];
  const observedFetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    exchanges.push({
      ifNoneMatch: request.headers.get('if-none-match'),
      status: response.status,
      etag: response.headers.get('etag'),
    });
    return response;
  };
  before(async () => {
    s = await startEvaluationServer();
    await OpenFeature.setContext('web', {
      targetingKey: 'user_1',
      organization: 'org_acme',
      plan: 'enterprise',
    });
    await OpenFeature.setProviderAndWait(
      'web',
      new OFREPWebProvider({
        baseUrl: s.baseUrl,
        headers: [
          ['X-Keystone-Key', s.publishable],
          ['Origin', s.webOrigin],
        ],
        pollInterval: 100,
        cacheMode: 'disabled',
        fetchImplementation: observedFetch,
      }),
    );
  });
  after(async () => {
    await OpenFeature.close();
    await s.close();
  });

  it('answers every flag type from one bulk evaluation of the publishable key’s environment', () => {
    const client = OpenFeature.getClient('web');
    const checkout = client.getBooleanDetails('new-checkout', false);
    assert.deepEqual([checkout.value, checkout.variant, checkout.reason], [true, 'on', 'TARGETING_MATCH']);
    assert.equal(client.getStringValue('banner', 'x'), 'Welcome!');
    assert.equal(client.getNumberValue('limit', 1), 1000);
    assert.deepEqual(client.getObjectValue('theme', {}), { color: '#000', radius: 4 });
    const missing = client.getBooleanDetails('no-such-flag', true);
    assert.deepEqual([missing.value, missing.errorCode], [true, ErrorCode.FLAG_NOT_FOUND]);
    const mismatch = client.getNumberDetails('banner', 3);
    assert.deepEqual([mismatch.value, mismatch.errorCode], [3, ErrorCode.TYPE_MISMATCH]);
    const [first] = exchanges;
    assert.ok(first);
    assert.deepEqual([first.status, first.ifNoneMatch], [200, null]);
    assert.ok(first.etag);
  });

  it('polls with If-None-Match and gets 304 until a flag changes; a kill reaches it on the next poll', async () => {
    await waitFor(() => exchanges.some((exchange) => exchange.status === 304));
    const firstEtag = exchanges[0]?.etag;
    const notModified = exchanges.find((exchange) => exchange.status === 304);
    assert.equal(notModified?.ifNoneMatch, firstEtag);

    const client = OpenFeature.getClient('web');
    assert.equal(client.getBooleanValue('kill-me', false), true);
    const changed = new Promise<void>((resolve) =>
      client.addHandler(ProviderEvents.ConfigurationChanged, () => resolve()),
    );
    await s.killFlag('kill-me', 'development');
    await changed;
    const killed = client.getBooleanDetails('kill-me', true);
    assert.deepEqual([killed.value, killed.variant, killed.reason], [false, 'off', 'DISABLED']);
    const after = exchanges.findLast((exchange) => exchange.status === 200);
    assert.ok(after?.etag && after.etag !== firstEtag, 'a new flag-set version is a new ETag');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
