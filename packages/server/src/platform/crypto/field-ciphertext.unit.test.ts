import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { open, seal } from './aes-gcm.ts';
import { fieldAad, formatCiphertext, parseCiphertext } from './field-ciphertext.ts';

describe('field ciphertext format', () => {
  it('round-trips: version, data key id, iv and sealed bytes', () => {
    const key = randomBytes(32);
    const aad = fieldAad('org_A', 'users.totp_secret:usr_1', 'dek_01ABC');
    const sealed = seal(key, Buffer.from('JBSWY3DPEHPK3PXP'), aad);
    const text = formatCiphertext({ keyId: 'dek_01ABC', ...sealed });
    assert.match(text, /^enc:v1:dek_01ABC:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    const parsed = parseCiphertext(text);
    assert.ok(parsed);
    assert.equal(parsed.keyId, 'dek_01ABC');
    assert.equal(open(key, parsed, aad)?.toString(), 'JBSWY3DPEHPK3PXP');
  });

  it('uses a fresh IV each time, so equal values give different ciphertexts', () => {
    const key = randomBytes(32);
    const aad = fieldAad('org_A', 'f', 'dek_1');
    const a = seal(key, Buffer.from('same'), aad);
    const b = seal(key, Buffer.from('same'), aad);
    assert.notDeepEqual(a.iv, b.iv);
    assert.notDeepEqual(a.data, b.data);
  });

  it('does not open under other associated data or after any bit flips', () => {
    const key = randomBytes(32);
    const sealed = seal(key, Buffer.from('secret'), fieldAad('org_A', 'f:1', 'dek_1'));
    assert.equal(open(key, sealed, fieldAad('org_B', 'f:1', 'dek_1')), undefined);
    assert.equal(open(key, sealed, fieldAad('org_A', 'f:2', 'dek_1')), undefined);
    assert.equal(open(key, sealed, fieldAad('org_A', 'f:1', 'dek_2')), undefined);
    // The encoding is unambiguous: moving a separator between org and field changes the data.
    assert.notDeepEqual(fieldAad('org_A', 'x:f', 'k'), fieldAad('org_A:x', 'f', 'k'));
    for (let i = 0; i < sealed.data.length; i++) {
      const data = Buffer.from(sealed.data);
      data[i] = (data[i] as number) ^ 1;
      assert.equal(open(key, { iv: sealed.iv, data }, fieldAad('org_A', 'f:1', 'dek_1')), undefined);
    }
  });

  it('rejects text that is not a ciphertext of this version', () => {
    const good = formatCiphertext({ keyId: 'dek_1', iv: randomBytes(12), data: randomBytes(24) });
    assert.ok(parseCiphertext(good));
    for (const bad of [
      '',
      'plain text',
      good.replace('enc:v1:', 'enc:v2:'),
      `${good}:extra`,
      good.replace('dek_1', 'DEK 1'),
      formatCiphertext({ keyId: 'dek_1', iv: randomBytes(8), data: randomBytes(24) }),
      formatCiphertext({ keyId: 'dek_1', iv: randomBytes(12), data: randomBytes(8) }),
      good.replace(/:([^:]+)$/, ':not base64url!'),
    ]) {
      assert.equal(parseCiphertext(bad), undefined, bad);
    }
  });
});
