import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { type Client, ErrorCode, OpenFeature } from '@openfeature/server-sdk';
import { createKey, seedOrg } from '../../../orgs/api-keys/test/api-key-fixtures.ts';
import { type EvaluationServer, startEvaluationServer } from './evaluation-server.ts';

/** OpenFeature's server SDK with its OFREP provider against a listening Keystone: one flag per request. */
describe('OFREP with @openfeature/ofrep-provider', () => {
  let s: EvaluationServer;
  let development: Client;
  let production: Client;
  const clientFor = async (domain: string, key: string, header: 'bearer' | 'x-keystone-key' = 'bearer') => {
    const headers: [string, string][] =
      header === 'bearer' ? [['Authorization', `Bearer ${key}`]] : [['X-Keystone-Key', key]];
    await OpenFeature.setProviderAndWait(domain, new OFREPProvider({ baseUrl: s.baseUrl, headers }));
    return OpenFeature.getClient(domain);
  };
  before(async () => {
    s = await startEvaluationServer();
    development = await clientFor('ofrep-development', s.secret.development);
    production = await clientFor('ofrep-production', s.secret.production, 'x-keystone-key');
  });
  after(async () => {
    await OpenFeature.close();
    await s.close();
  });

  it('boolean: an organization target, an organization rule, the fallthrough', async () => {
    const acme = await development.getBooleanDetails('new-checkout', false, {
      targetingKey: 'user_1',
      organization: 'org_acme',
    });
    assert.equal(acme.value, true);
    assert.equal(acme.variant, 'on');
    assert.equal(acme.reason, 'TARGETING_MATCH');
    assert.equal(typeof acme.flagMetadata.flagSetVersion, 'number');
    assert.equal(acme.flagMetadata.targetIndex, 0);
    const beta = await development.getBooleanDetails('new-checkout', false, {
      targetingKey: 'user_2',
      organization: 'org_beta',
    });
    assert.equal(beta.value, true);
    assert.equal(beta.reason, 'TARGETING_MATCH');
    assert.equal(typeof beta.flagMetadata.ruleId, 'string');
    const other = await development.getBooleanDetails('new-checkout', true, {
      targetingKey: 'user_3',
      organization: 'org_other',
    });
    assert.deepEqual([other.value, other.variant, other.reason], [false, 'off', 'DEFAULT']);
  });

  it('string, number and object flags', async () => {
    const banner = await development.getStringDetails('banner', 'x', { targetingKey: 'u' });
    assert.deepEqual([banner.value, banner.variant, banner.reason], ['Welcome!', 'welcome', 'STATIC']);
    assert.equal(
      await development.getNumberValue('limit', 1, { targetingKey: 'u', plan: 'enterprise' }),
      1000,
    );
    assert.equal(await development.getNumberValue('limit', 1, { targetingKey: 'u', plan: 'free' }), 10);
    assert.deepEqual(await development.getObjectValue('theme', {}, { targetingKey: 'u' }), {
      color: '#000',
      radius: 4,
    });
  });

  it('a rollout answers SPLIT, sticky per user and near half on', async () => {
    let on = 0;
    for (let i = 0; i < 200; i++) {
      const details = await production.getBooleanDetails('new-checkout', false, {
        targetingKey: `user_${i}`,
      });
      assert.equal(details.reason, 'SPLIT');
      if (details.value) on += 1;
      if (i < 5) {
        const again = await production.getBooleanValue('new-checkout', !details.value, {
          targetingKey: `user_${i}`,
        });
        assert.equal(again, details.value, 'the same user gets the same answer');
      }
    }
    assert.ok(on > 60 && on < 140, `${on} of 200 on`);
  });

  it('a key of another environment gets that environment’s answers', async () => {
    assert.equal(await development.getStringValue('banner', 'x', { targetingKey: 'u' }), 'Welcome!');
    assert.equal(await production.getStringValue('banner', 'x', { targetingKey: 'u' }), 'Hello');
    // limit is not configured in production: its off variant, DISABLED.
    const limit = await production.getNumberDetails('limit', 5, { targetingKey: 'u' });
    assert.deepEqual([limit.value, limit.reason], [0, 'DISABLED']);
  });

  it('FLAG_NOT_FOUND, TYPE_MISMATCH and TARGETING_KEY_MISSING answer the default with the error code', async () => {
    const missing = await development.getBooleanDetails('no-such-flag', true, { targetingKey: 'u' });
    assert.deepEqual(
      [missing.value, missing.reason, missing.errorCode],
      [true, 'ERROR', ErrorCode.FLAG_NOT_FOUND],
    );
    const mismatch = await development.getNumberDetails('banner', 7, { targetingKey: 'u' });
    assert.deepEqual([mismatch.value, mismatch.errorCode], [7, ErrorCode.TYPE_MISMATCH]);
    const noKey = await production.getBooleanDetails('new-checkout', true, {});
    assert.deepEqual([noKey.value, noKey.errorCode], [true, ErrorCode.TARGETING_KEY_MISSING]);
  });

  it('a killed flag serves its off variant (DISABLED) in that environment only', async () => {
    assert.equal(await development.getBooleanValue('kill-me', false, { targetingKey: 'u' }), true);
    await s.killFlag('kill-me', 'development');
    const killed = await development.getBooleanDetails('kill-me', true, { targetingKey: 'u' });
    assert.deepEqual([killed.value, killed.variant, killed.reason], [false, 'off', 'DISABLED']);
    assert.equal(await production.getBooleanValue('kill-me', false, { targetingKey: 'u' }), true);
  });

  it('refuses an organization’s key, a key without flags:evaluate, and a key bound to no environment', async () => {
    const org = await seedOrg(s.app, s.database);
    const orgKey = await createKey(s.app, `/v1/organizations/${org.orgId}/api-keys`, org.owner, {
      name: 'org',
      scopes: ['flags:evaluate'],
    });
    const refusedKeys = [orgKey.secret];
    refusedKeys.push((await s.createKey({ name: 'fga only', scopes: ['fga:check'] })).secret as string);
    refusedKeys.push((await s.createKey({ name: 'unbound', scopes: ['flags:evaluate'] })).secret as string);
    for (const [i, key] of refusedKeys.entries()) {
      const res = await fetch(`${s.baseUrl}/ofrep/v1/evaluate/flags/new-checkout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ context: { targetingKey: 'u' } }),
      });
      assert.equal(res.status, 403, await res.text());
      // The provider turns the 403 into the caller's default with an error.
      const client = await clientFor(`refused-${i}`, key);
      const details = await client.getBooleanDetails('new-checkout', true, { targetingKey: 'u' });
      assert.deepEqual(
        [details.value, details.reason, details.errorCode],
        [true, 'ERROR', ErrorCode.GENERAL],
      );
    }
  });
});
