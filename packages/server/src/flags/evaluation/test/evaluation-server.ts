import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';

/**
 * A Keystone server listening on a real port with the flags below, and instance keys bound to
 * development and production, for driving evaluation with OpenFeature's own OFREP providers.
 */
export type EvaluationServer = TestApp & {
  /** e.g. http://127.0.0.1:49152: the providers' `baseUrl`. */
  baseUrl: string;
  /** Secret keys (`flags:evaluate`) bound to an environment. */
  secret: { development: string; production: string };
  /** A publishable key bound to development, allowed from `webOrigin`. */
  publishable: string;
  webOrigin: string;
  /** Creates an instance key over HTTP (operator); returns the answer, or fails on another status. */
  createKey(body: Record<string, unknown>, status?: number): Promise<Record<string, unknown>>;
  putFlag(key: string, definition: Record<string, unknown>): Promise<void>;
  killFlag(key: string, environment: string): Promise<void>;
};

export async function startEvaluationServer(): Promise<EvaluationServer> {
  const t = await startTestApp({ env: { KEYSTONE_RATE_LIMIT_CREDENTIAL_PER_MINUTE: '0' } });
  const baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  async function createKey(body: Record<string, unknown>, status = 201) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: t.operator,
      payload: body,
    });
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  }
  async function putFlag(key: string, definition: Record<string, unknown>) {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/v1/flags/${key}`,
      headers: t.operator,
      payload: { key, ...definition },
    });
    assert.ok(res.statusCode === 200 || res.statusCode === 201, res.body);
  }
  async function killFlag(key: string, environment: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/flags/${key}/kill`,
      headers: t.operator,
      payload: { environment },
    });
    assert.equal(res.statusCode, 200, res.body);
  }
  for (const [key, definition] of Object.entries(TEST_FLAGS)) await putFlag(key, definition);
  const evaluator = (environment: string) =>
    createKey({ name: `eval ${environment}`, scopes: ['flags:evaluate'], flags_environment: environment });
  const webOrigin = 'https://app.example.com';
  return {
    ...t,
    baseUrl,
    secret: {
      development: (await evaluator('development')).secret as string,
      production: (await evaluator('production')).secret as string,
    },
    publishable: (
      await createKey({
        name: 'browser',
        kind: 'publishable',
        scopes: ['flags:evaluate'],
        flags_environment: 'development',
        allowed_origins: [webOrigin],
      })
    ).secret as string,
    webOrigin,
    createKey,
    putFlag,
    killFlag,
  };
}

const on = (fallthrough: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  on: true,
  off_variant: 'off',
  fallthrough,
  ...more,
});

/**
 * new-checkout: development targets organization org_acme and rules org_beta in, else off;
 * production rolls out 50% by user. banner: a string, STATIC. limit: a number by plan. theme: JSON.
 */
export const TEST_FLAGS: Record<string, Record<string, unknown>> = {
  'new-checkout': {
    type: 'boolean',
    variants: { on: true, off: false },
    off_variant: 'off',
    environments: {
      development: on(
        { variant: 'off' },
        {
          targets: [{ variant: 'on', attribute: 'organization', values: ['org_acme'] }],
          rules: [
            {
              clauses: [{ attribute: 'organization', operator: 'in', values: ['org_beta'] }],
              serve: { variant: 'on' },
            },
          ],
        },
      ),
      production: on({
        rollout: {
          variants: [
            { variant: 'on', weight: 50_000 },
            { variant: 'off', weight: 50_000 },
          ],
        },
      }),
    },
  },
  banner: {
    type: 'string',
    variants: { welcome: 'Welcome!', hello: 'Hello', off: '' },
    off_variant: 'off',
    environments: {
      development: on({ variant: 'welcome' }),
      production: on({ variant: 'hello' }),
    },
  },
  limit: {
    type: 'number',
    variants: { low: 10, high: 1000, off: 0 },
    off_variant: 'off',
    environments: {
      development: on(
        { variant: 'low' },
        {
          rules: [
            {
              clauses: [{ attribute: 'plan', operator: 'in', values: ['enterprise'] }],
              serve: { variant: 'high' },
            },
          ],
        },
      ),
    },
  },
  theme: {
    type: 'json',
    variants: { dark: { color: '#000', radius: 4 }, off: {} },
    off_variant: 'off',
    environments: { development: on({ variant: 'dark' }), production: on({ variant: 'dark' }) },
  },
  'kill-me': {
    type: 'boolean',
    variants: { on: true, off: false },
    off_variant: 'off',
    environments: { development: on({ variant: 'on' }), production: on({ variant: 'on' }) },
  },
};
