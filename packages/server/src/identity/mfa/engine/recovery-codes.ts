import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Single-use recovery codes, shown once when MFA is turned on: `7k3qd-x9m2a`.
 *
 * Crockford's base32 alphabet (no i, l, o, u), and on input i/l read as 1 and o as 0,
 * so a code copied by hand from paper still works. 10 characters of 5 bits: 50 bits each.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const CODE_CHARACTERS = 10;
const GROUP = 5;

/**
 * Stored as `hmac-sha256$<salt>$<digest>` (base64url): a fast hash, not argon2. A code has
 * 50 random bits, so there is no dictionary to try, and checking one input against a
 * user's ten codes with argon2 would cost ten password hashes per attempt. The per-code
 * salt stops an attacker holding the database from testing each guess against every
 * code of every user at once; one code alone takes ~2^49 guesses, and is only a second
 * factor: the password (argon2) is still needed.
 */
const HASH_SCHEME = 'hmac-sha256';
const SALT_BYTES = 16;

export function generateRecoveryCodes(count = 10): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    throw new RangeError(`between 1 and 100 recovery codes, not ${count}`);
  }
  return Array.from({ length: count }, () => {
    // 256 is a multiple of 32: the low 5 bits of a random byte are uniform.
    const characters = [...randomBytes(CODE_CHARACTERS)].map((byte) => ALPHABET[byte & 31]).join('');
    return `${characters.slice(0, GROUP)}-${characters.slice(GROUP)}`;
  });
}

/** Case-insensitive, without spaces or dashes, with Crockford's i/l → 1 and o → 0. */
export function normalizeRecoveryCode(input: string): string {
  return input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-‐‑‒–—]+/g, '')
    .replace(/[il]/g, '1')
    .replace(/o/g, '0');
}

export function hashRecoveryCode(code: string): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = digest(salt, normalizeRecoveryCode(code));
  return `${HASH_SCHEME}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Constant-time; false for a stored hash it cannot read. */
export function matchesRecoveryCode(input: string, hash: string): boolean {
  const [scheme, salt, expected, ...rest] = hash.split('$');
  if (scheme !== HASH_SCHEME || salt === undefined || expected === undefined || rest.length > 0) return false;
  const actual = digest(Buffer.from(salt, 'base64url'), normalizeRecoveryCode(input));
  const stored = Buffer.from(expected, 'base64url');
  return stored.length === actual.length && timingSafeEqual(actual, stored);
}

function digest(salt: Buffer, normalized: string): Buffer {
  return createHmac('sha256', salt).update(normalized, 'utf8').digest();
}
