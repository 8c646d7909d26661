import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Short numeric codes sent by email (verification, password reset, sign-in).
 *
 * Hashing cannot protect a 6-digit code from someone holding the database: a million
 * guesses take a moment. It keeps codes out of plain sight (dumps, backups, logs of
 * queries); what makes them safe is that they expire in minutes and allow a few attempts.
 * The salt (the row id) keeps equal codes from having equal hashes.
 */
export function generateNumericCode(digits = 6): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 64) {
    throw new RangeError(`a numeric code has 1 to 64 digits, not ${digits}`);
  }
  // One uniform draw per digit: no modulo bias, leading zeros kept, any length.
  let code = '';
  for (let i = 0; i < digits; i++) code += String(randomInt(10));
  return code;
}

/** Hex HMAC-SHA256 of the code, keyed by the salt. */
export function hashOneTimeCode(code: string, salt: string): string {
  return createHmac('sha256', salt).update(code, 'utf8').digest('hex');
}

/** Constant-time: the comparison takes as long whether the first digit or the last is wrong. */
export function matchesOneTimeCode(code: string, salt: string, hash: string): boolean {
  const actual = Buffer.from(hashOneTimeCode(code, salt), 'hex');
  const expected = Buffer.from(hash, 'hex');
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}
