import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashSecret, issueSecret, secretLookup, verifySecret } from './secret-hash.ts';

describe('high-entropy secrets at rest', () => {
  it('issues a secret whose lookup finds it and whose hash verifies it', () => {
    const secret = issueSecret('ks_live');
    assert.match(secret.plaintext, /^ks_live_[0-9A-Za-z]{43}$/);
    assert.equal(secret.lookup, secret.plaintext.slice(0, 'ks_live_'.length + 12));
    assert.equal(secretLookup('ks_live', secret.plaintext), secret.lookup);
    assert.match(secret.hash, /^[0-9a-f]{64}$/);
    assert.equal(secret.hash, hashSecret(secret.plaintext));
    assert.notEqual(secret.hash, secret.plaintext);
    assert.equal(verifySecret(secret.plaintext, secret.hash), true);
  });

  it('gives every secret of a kind the same length, and never the same value twice', () => {
    const secrets = Array.from({ length: 2000 }, () => issueSecret('rt'));
    const lengths = new Set(secrets.map((s) => s.plaintext.length));
    assert.deepEqual([...lengths], ['rt_'.length + 43]);
    assert.equal(new Set(secrets.map((s) => s.plaintext)).size, secrets.length);
    assert.equal(new Set(secrets.map((s) => s.lookup)).size, secrets.length);
    // Width follows the entropy asked for: 16 bytes need 22 base62 characters.
    assert.equal(issueSecret('inv', 16).plaintext.length, 'inv_'.length + 22);
  });

  it('rejects a wrong secret', () => {
    const secret = issueSecret('ks_live');
    const last = secret.plaintext.at(-1) === 'a' ? 'b' : 'a';
    const oneCharOff = secret.plaintext.slice(0, -1) + last;
    assert.equal(secretLookup('ks_live', oneCharOff), secret.lookup, 'same lookup, so only the hash decides');
    assert.equal(verifySecret(oneCharOff, secret.hash), false);
    assert.equal(verifySecret(issueSecret('ks_live').plaintext, secret.hash), false);
    assert.equal(verifySecret('', secret.hash), false);
    assert.equal(verifySecret(`${secret.plaintext} `, secret.hash), false);
  });

  it('finds no lookup for malformed or foreign input', () => {
    const body = issueSecret('ks_live').plaintext.slice('ks_live_'.length);
    for (const presented of [
      '',
      'ks_live_',
      `ks_test_${body}`,
      `KS_LIVE_${body}`,
      `ks_live${body}`,
      `ks_live_${body.slice(0, 20)}`,
      `ks_live_${body.slice(0, 30)}-${body.slice(31)}`,
      `ks_live_${body} `,
      `ks_live_${body.slice(0, 20)}\u00e9${body.slice(21)}`,
    ]) {
      assert.equal(secretLookup('ks_live', presented), undefined, JSON.stringify(presented));
    }
    // A kind that prefixes another kind does not claim its secrets.
    assert.equal(secretLookup('ks', `ks_live_${body}`), undefined);
  });

  it('treats a malformed stored hash as a mismatch, not an exception', () => {
    const { plaintext, hash } = issueSecret('ks_live');
    for (const stored of [
      '',
      'zz',
      hash.slice(0, 63),
      `${hash}00`,
      hash.toUpperCase().replace(/[0-9]/g, 'G'),
    ]) {
      assert.equal(verifySecret(plaintext, stored), false, stored);
    }
  });

  it('refuses kinds that are not lower snake_case', () => {
    for (const kind of ['', 'Bad', 'ks-live', '_ks', 'ks_', 'ks__live', '1ks']) {
      assert.throws(() => issueSecret(kind), /lower snake_case/, kind);
    }
  });
});
