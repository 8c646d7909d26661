import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';

/** Flag management over HTTP in tests: a caller with fixed headers, and a small valid flag. */
export function flagsClient(app: FastifyInstance, headers: Record<string, string>) {
  async function call(method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, extra = {}) {
    return app.inject({
      method,
      url,
      headers: { ...headers, ...extra },
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  }
  return {
    call,
    /** PUT that must succeed; returns the flag as answered. */
    async put(key: string, definition: unknown) {
      const res = await call('PUT', `/v1/flags/${key}`, definition);
      assert.ok(res.statusCode === 200 || res.statusCode === 201, `${res.statusCode} ${res.body}`);
      return res.json();
    },
    async get(key: string) {
      const res = await call('GET', `/v1/flags/${key}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    },
    async versions(key: string) {
      const res = await call('GET', `/v1/flags/${key}/versions`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().data as {
        version: number;
        summary: string;
        changes: string[];
        [k: string]: unknown;
      }[];
    },
  };
}

/** A flag body as tests build it: loose, so a test can send faulty ones. */
export type FlagBody = {
  key?: string;
  variants: Record<string, unknown>;
  environments: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
};

/** A boolean flag: everyone true in development; enterprise plans and a 10% rollout in production. */
export function booleanFlag(key: string, overrides: Record<string, unknown> = {}): FlagBody {
  return {
    key,
    name: 'New checkout',
    type: 'boolean',
    variants: { on: true, off: false },
    off_variant: 'off',
    environments: {
      development: { on: true, off_variant: 'off', fallthrough: { variant: 'on' } },
      production: {
        on: true,
        off_variant: 'off',
        rules: [
          {
            clauses: [{ attribute: 'plan', operator: 'in', values: ['enterprise'] }],
            serve: { variant: 'on' },
          },
        ],
        fallthrough: {
          rollout: {
            variants: [
              { variant: 'on', weight: 10_000 },
              { variant: 'off', weight: 90_000 },
            ],
          },
        },
      },
    },
    ...overrides,
  };
}
