import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets } from './logger.ts';

describe('redactSecrets', () => {
  it('censors sensitive keys at any depth and inside arrays, case-insensitively', () => {
    const input = {
      user: { email: 'a@b.c', Password: 'hunter2', nested: { deeper: { refreshToken: 'rt' } } },
      keys: [{ apiKey: 'k1', name: 'one' }, 'plain'],
      headers: { Authorization: 'Bearer x', 'x-keystone-key': 'ks_live' },
      count: 3,
    };
    assert.deepEqual(redactSecrets(input), {
      user: { email: 'a@b.c', Password: '[redacted]', nested: { deeper: { refreshToken: '[redacted]' } } },
      keys: [{ apiKey: '[redacted]', name: 'one' }, 'plain'],
      headers: { Authorization: '[redacted]', 'x-keystone-key': '[redacted]' },
      count: 3,
    });
    assert.equal(input.user.Password, 'hunter2', 'the caller object is not modified');
  });

  it('returns the same object when nothing is sensitive, and leaves serialized keys to their serializers', () => {
    const clean = { a: 1, b: { c: 'd' } };
    assert.equal(redactSecrets(clean), clean);
    const withReq = { req: { headers: { authorization: 'x' } } };
    assert.equal(redactSecrets(withReq), withReq);
  });
});
