import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestFingerprint } from './fingerprint.ts';

const base = {
  method: 'POST',
  route: '/orgs/:orgId/members',
  params: { orgId: 'org_1' },
  query: {},
  body: { email: 'ada@example.com', roles: ['admin', 'billing'], profile: { a: 1, b: 2 } },
};

describe('requestFingerprint', () => {
  it('is a SHA-256 hex digest', () => {
    assert.match(requestFingerprint(base), /^[0-9a-f]{64}$/);
  });

  it('ignores key order at every depth', () => {
    const reordered = {
      ...base,
      body: { profile: { b: 2, a: 1 }, roles: ['admin', 'billing'], email: 'ada@example.com' },
    };
    assert.equal(requestFingerprint(reordered), requestFingerprint(base));
  });

  it('treats a missing body, params or query like null', () => {
    const bare = { method: 'DELETE', route: '/things/:id', params: { id: 'x' } };
    assert.equal(requestFingerprint(bare), requestFingerprint({ ...bare, body: undefined, query: null }));
    assert.equal(requestFingerprint({ ...bare, method: 'delete' }), requestFingerprint(bare));
  });

  it('changes with any value, array order, method, route, params or query', () => {
    const fp = requestFingerprint(base);
    const variants = [
      { ...base, body: { ...base.body, email: 'bob@example.com' } },
      { ...base, body: { ...base.body, roles: ['billing', 'admin'] } },
      { ...base, body: { ...base.body, extra: null } },
      { ...base, body: { ...base.body, profile: { a: 1, b: '2' } } },
      { ...base, method: 'PUT' },
      { ...base, route: '/orgs/:orgId/invitations' },
      { ...base, params: { orgId: 'org_2' } },
      { ...base, query: { dry_run: 'true' } },
    ];
    for (const variant of variants) assert.notEqual(requestFingerprint(variant), fp, JSON.stringify(variant));
    assert.equal(new Set(variants.map(requestFingerprint)).size, variants.length);
  });
});
