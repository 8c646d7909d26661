import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateNumericCode, hashOneTimeCode, matchesOneTimeCode } from './one-time-code.ts';

describe('one-time codes', () => {
  it('generates six digits by default, and any requested length', () => {
    assert.match(generateNumericCode(), /^\d{6}$/);
    assert.match(generateNumericCode(8), /^\d{8}$/);
    assert.match(generateNumericCode(1), /^\d$/);
  });

  it('refuses a length that is not a positive whole number', () => {
    for (const digits of [0, -1, 2.5, Number.NaN, 65]) {
      assert.throws(() => generateNumericCode(digits), RangeError, String(digits));
    }
  });

  it('draws every digit in every position, leading zeros included', () => {
    // 2,000 codes: each digit is missing from a position with probability 0.9^2000 (~1e-92).
    const seen = Array.from({ length: 6 }, () => new Set<string>());
    for (let i = 0; i < 2000; i++) {
      const code = generateNumericCode();
      assert.equal(code.length, 6);
      for (const [position, digit] of [...code].entries()) seen[position]!.add(digit);
    }
    for (const digits of seen) assert.equal(digits.size, 10);
  });

  it('is spread evenly over the digits', () => {
    // 60,000 digits, 6,000 expected each; 5,400..6,600 is over 8 standard deviations wide.
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      for (const digit of generateNumericCode()) counts.set(digit, (counts.get(digit) ?? 0) + 1);
    }
    for (const [digit, count] of counts) assert.ok(count > 5400 && count < 6600, `${digit}: ${count}`);
  });

  it('matches the code it hashed, under the same salt only', () => {
    const hash = hashOneTimeCode('012345', 'otc_01');
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(matchesOneTimeCode('012345', 'otc_01', hash), true);
    assert.equal(matchesOneTimeCode('012346', 'otc_01', hash), false);
    assert.equal(matchesOneTimeCode('12345', 'otc_01', hash), false);
    assert.equal(matchesOneTimeCode('012345', 'otc_02', hash), false);
  });

  it('gives equal codes different hashes under different salts', () => {
    assert.notEqual(hashOneTimeCode('123456', 'otc_a'), hashOneTimeCode('123456', 'otc_b'));
  });

  it('refuses a stored hash that is not one, without throwing', () => {
    assert.equal(matchesOneTimeCode('123456', 'otc_01', ''), false);
    assert.equal(matchesOneTimeCode('123456', 'otc_01', 'not hex'), false);
    assert.equal(matchesOneTimeCode('123456', 'otc_01', 'abcd'), false);
  });
});
