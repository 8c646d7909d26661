import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientKey } from './client-key.ts';

describe('clientKey', () => {
  it('keeps IPv4 addresses whole, including IPv4-mapped IPv6', () => {
    assert.equal(clientKey('203.0.113.7'), '203.0.113.7');
    assert.equal(clientKey('::ffff:203.0.113.7'), '203.0.113.7');
  });

  it('groups IPv6 addresses by /64, whatever their spelling', () => {
    const a = clientKey('2001:db8:abcd:12::1');
    assert.equal(a, '2001:db8:abcd:12::/64');
    assert.equal(clientKey('2001:0DB8:ABCD:0012:ffff:ffff:ffff:ffff'), a);
    assert.equal(clientKey('2001:db8:abcd:12:1:2:192.0.2.1'), a);
    assert.notEqual(clientKey('2001:db8:abcd:13::1'), a);
    assert.equal(clientKey('::1'), '0:0:0:0::/64');
    assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
  });

  it('passes anything else through unchanged', () => {
    assert.equal(clientKey('unix-socket'), 'unix-socket');
  });
});
