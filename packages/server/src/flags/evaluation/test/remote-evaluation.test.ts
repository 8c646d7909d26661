import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createKey, seedOrg } from '../../../orgs/api-keys/test/api-key-fixtures.ts';
import { type EvaluationServer, startEvaluationServer } from './evaluation-server.ts';

/** POST /v1/flags/evaluate, environment-bound keys, one compilation per version, batched recording. */
describe('remote flag evaluation and environment-bound keys', () => {
  let s: EvaluationServer;
  const evaluate = (key: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    s.app.inject({
      method: 'POST',
      url: '/v1/flags/evaluate',
      headers: { authorization: `Bearer ${key}`, ...headers },
      payload,
    });
  before(async () => {
    s = await startEvaluationServer();
  });
  after(() => s.close());

  it('answers every flag of the key’s environment, or the named ones (a missing one FLAG_NOT_FOUND)', async () => {
    const all = await evaluate(s.secret.development, {
      context: { targetingKey: 'u', organization: 'org_acme' },
    });
    assert.equal(all.statusCode, 200, all.body);
    const body = all.json();
    assert.equal(body.environment, 'development');
    assert.deepEqual(body.flags.map((flag: { key: string }) => flag.key).sort(), [
      'banner',
      'kill-me',
      'limit',
      'new-checkout',
      'theme',
    ]);
    const checkout = body.flags.find((flag: { key: string }) => flag.key === 'new-checkout');
    assert.deepEqual(
      { value: checkout.value, variant: checkout.variant, reason: checkout.reason },
      { value: true, variant: 'on', reason: 'TARGETING_MATCH' },
    );
    assert.equal(checkout.flag_metadata.flagSetVersion, body.flag_set_version);

    const named = await evaluate(s.secret.production, {
      context: {},
      flags: ['banner', 'new-checkout', 'nope'],
    });
    assert.equal(named.statusCode, 200, named.body);
    assert.deepEqual(named.json().flags, [
      {
        key: 'banner',
        value: 'Hello',
        variant: 'hello',
        reason: 'STATIC',
        flag_metadata: { flagSetVersion: body.flag_set_version, flagVersion: 1 },
      },
      {
        key: 'new-checkout',
        reason: 'ERROR',
        error_code: 'TARGETING_KEY_MISSING',
        error_message: named.json().flags[1].error_message,
        flag_metadata: {},
      },
      {
        key: 'nope',
        reason: 'ERROR',
        error_code: 'FLAG_NOT_FOUND',
        error_message: 'flag nope is not in the production flag set',
        flag_metadata: {},
      },
    ]);
  });

  it('compiles a flag set once per version, not per request', async () => {
    const { sets } = s.app.flagEvaluation;
    await evaluate(s.secret.development, { context: { targetingKey: 'u' } });
    const before = sets.compilations;
    for (let i = 0; i < 20; i++) await evaluate(s.secret.development, { context: { targetingKey: `u${i}` } });
    assert.equal(sets.compilations, before);
    await s.putFlag('banner', {
      type: 'string',
      variants: { welcome: 'Welcome back!', off: '' },
      off_variant: 'off',
      environments: { development: { on: true, off_variant: 'off', fallthrough: { variant: 'welcome' } } },
    });
    const res = await evaluate(s.secret.development, { context: {}, flags: ['banner'] });
    assert.equal(res.json().flags[0].value, 'Welcome back!');
    assert.equal(sets.compilations, before + 1);
  });

  it('records last evaluations in batches, not per request', async () => {
    await s.app.flagEvaluation.recorder.flush();
    const stale = async () => {
      const res = await s.app.inject({ method: 'GET', url: '/v1/flags/stale?days=1', headers: s.operator });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().data as { key: string; environment: string; last_evaluated_at: string | null }[];
    };
    const theme = (rows: Awaited<ReturnType<typeof stale>>) =>
      rows.find((row) => row.key === 'theme' && row.environment === 'production');
    const before = theme(await stale())?.last_evaluated_at ?? null;
    await evaluate(s.secret.production, { context: {}, flags: ['theme'] });
    // Not written yet: it waits for the next flush.
    assert.equal(theme(await stale())?.last_evaluated_at ?? null, before);
    await s.app.flagEvaluation.recorder.flush();
    const recorded = theme(await stale());
    assert.ok(recorded?.last_evaluated_at, JSON.stringify(recorded));
    assert.notEqual(recorded.last_evaluated_at, before);
  });

  it('binds keys: an existing environment, flags:evaluate, instance keys only; publishable keys must name one', async () => {
    const refused = async (body: Record<string, unknown>) => {
      const answer = await s.createKey({ name: 'k', ...body }, 400);
      return (answer.errors as { field: string }[]).map((field) => field.field);
    };
    assert.deepEqual(await refused({ scopes: ['flags:evaluate'], flags_environment: 'nowhere' }), [
      'flags_environment',
    ]);
    assert.deepEqual(await refused({ scopes: ['fga:check'], flags_environment: 'development' }), [
      'flags_environment',
    ]);
    assert.deepEqual(await refused({ kind: 'publishable', scopes: ['flags:evaluate'] }), [
      'flags_environment',
    ]);
    const bound = await s.createKey({
      name: 'k',
      scopes: ['flags:evaluate'],
      flags_environment: 'production',
    });
    assert.equal(bound.flags_environment, 'production');
    const org = await seedOrg(s.app, s.database);
    const res = await s.app.inject({
      method: 'POST',
      url: `/v1/organizations/${org.orgId}/api-keys`,
      headers: org.owner,
      payload: { name: 'org', scopes: ['flags:evaluate'], flags_environment: 'production' },
    });
    assert.equal(res.statusCode, 400, res.body);
    // An organization's key holding flags:evaluate (no environment) cannot evaluate.
    const orgKey = await createKey(s.app, `/v1/organizations/${org.orgId}/api-keys`, org.owner, {
      name: 'org',
      scopes: ['flags:evaluate'],
    });
    assert.equal((await evaluate(orgKey.secret, { context: {} })).statusCode, 403);
  });

  it('a rotated key keeps its environment; a publishable key is held to its origins', async () => {
    const key = await s.createKey({ name: 'k', scopes: ['flags:evaluate'], flags_environment: 'production' });
    const rotated = await s.app.inject({
      method: 'POST',
      url: `/v1/api-keys/${key.id}/rotate`,
      headers: s.operator,
      payload: {},
    });
    assert.equal(rotated.statusCode, 201, rotated.body);
    assert.equal(rotated.json().flags_environment, 'production');
    const res = await evaluate(rotated.json().secret, { context: {}, flags: ['banner'] });
    assert.equal(res.json().environment, 'production');

    const publishable = (origin: string) =>
      s.app.inject({
        method: 'POST',
        url: '/v1/flags/evaluate',
        headers: { 'x-keystone-key': s.publishable, origin },
        payload: { context: {} },
      });
    assert.equal((await publishable(s.webOrigin)).statusCode, 200);
    assert.equal((await publishable('https://evil.example')).statusCode, 403);
  });
});
