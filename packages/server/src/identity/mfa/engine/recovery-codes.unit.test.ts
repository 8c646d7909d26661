import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  matchesRecoveryCode,
  normalizeRecoveryCode,
} from './recovery-codes.ts';

const SHAPE = /^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/;

describe('recovery codes', () => {
  it('generates ten codes of two groups of five unambiguous characters', () => {
    const codes = generateRecoveryCodes();
    assert.equal(codes.length, 10);
    for (const code of codes) assert.match(code, SHAPE);
    assert.equal(new Set(codes).size, 10);
    assert.equal(generateRecoveryCodes(3).length, 3);
  });

  it('never uses i, l, o or u, and uses all 32 other characters', () => {
    const seen = new Set<string>();
    // 200 codes, 2,000 characters: a character is missing with probability 32 * (31/32)^2000 (~1e-26).
    for (const code of generateRecoveryCodes(100).concat(generateRecoveryCodes(100))) {
      for (const character of code.replace('-', '')) seen.add(character);
    }
    assert.equal(seen.size, 32);
    for (const ambiguous of 'ilou') assert.ok(!seen.has(ambiguous), ambiguous);
  });

  it('refuses a count that is not 1 to 100', () => {
    for (const count of [0, -1, 1.5, 101]) assert.throws(() => generateRecoveryCodes(count), RangeError);
  });

  it('normalizes case, spaces, dashes and look-alike letters', () => {
    assert.equal(normalizeRecoveryCode('7k3qd-x9m2a'), '7k3qdx9m2a');
    assert.equal(normalizeRecoveryCode(' 7K3QD X9M2A '), '7k3qdx9m2a');
    assert.equal(normalizeRecoveryCode('7k3-qd—x9m 2a'), '7k3qdx9m2a');
    assert.equal(normalizeRecoveryCode('O1lI0-abcde'), '01110abcde');
    assert.equal(normalizeRecoveryCode('７ｋ３ｑｄ－ｘ９ｍ２ａ'), '7k3qdx9m2a');
  });

  it('matches a code against its hash however it is typed', () => {
    const [code] = generateRecoveryCodes(1);
    const hash = hashRecoveryCode(code!);
    assert.equal(matchesRecoveryCode(code!, hash), true);
    assert.equal(matchesRecoveryCode(code!.toUpperCase().replace('-', ' '), hash), true);
    assert.equal(matchesRecoveryCode(code!.replace('-', ''), hash), true);
  });

  it('reads an o typed for 0, and an l or I typed for 1', () => {
    const hash = hashRecoveryCode('10abc-de01f');
    assert.equal(matchesRecoveryCode('lOabc-deOIf', hash), true);
  });

  it('does not match another code', () => {
    const hash = hashRecoveryCode('7k3qd-x9m2a');
    assert.equal(matchesRecoveryCode('7k3qd-x9m2b', hash), false);
    assert.equal(matchesRecoveryCode('7k3qd', hash), false);
    assert.equal(matchesRecoveryCode('', hash), false);
  });

  it('salts every hash, and keeps the code out of it', () => {
    const first = hashRecoveryCode('7k3qd-x9m2a');
    const second = hashRecoveryCode('7k3qd-x9m2a');
    assert.notEqual(first, second);
    assert.match(first, /^hmac-sha256\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.ok(!first.includes('7k3qd'));
  });

  it('refuses a stored hash it cannot read, without throwing', () => {
    const good = hashRecoveryCode('7k3qd-x9m2a');
    for (const hash of [
      '',
      'garbage',
      good.replace('hmac-sha256', 'sha1'),
      `${good}$extra`,
      'hmac-sha256$$',
    ]) {
      assert.equal(matchesRecoveryCode('7k3qd-x9m2a', hash), false, hash);
    }
  });
});
