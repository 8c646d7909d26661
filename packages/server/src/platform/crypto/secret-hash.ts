import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * High-entropy secrets (API keys, refresh tokens, invitation tokens): shown once,
 * stored only as SHA-256. A short lookup id, stored in clear, finds the row
 * without scanning; the hash is then compared in constant time. SHA-256 (not a
 * slow KDF) is right here because the secret has 256 bits of entropy: there is
 * nothing to brute-force.
 *
 * Shape: `<kind>_<lookup><body>`, e.g. `ks_live_8Gq3…` → kind `ks_live`.
 */
export type IssuedSecret = {
  /** The full secret: give it to the user once, never store it. */
  plaintext: string;
  /** Stored in clear, indexed: `<kind>_<first 12 chars>`. */
  lookup: string;
  /** Stored: hex SHA-256 of the plaintext. */
  hash: string;
};

const LOOKUP_LENGTH = 12;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KIND = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

export function issueSecret(kind: string, bytes = 32): IssuedSecret {
  if (!KIND.test(kind)) throw new Error(`secret kind ${kind} must be lower snake_case`);
  const body = base62(randomBytes(bytes));
  const plaintext = `${kind}_${body}`;
  return { plaintext, lookup: `${kind}_${body.slice(0, LOOKUP_LENGTH)}`, hash: hashSecret(plaintext) };
}

/** The lookup id of a presented secret, or undefined if it is not shaped like one of `kind`. */
export function secretLookup(kind: string, presented: string): string | undefined {
  if (!presented.startsWith(`${kind}_`)) return undefined;
  const body = presented.slice(kind.length + 1);
  if (body.length < LOOKUP_LENGTH + 16 || !/^[0-9A-Za-z]+$/.test(body)) return undefined;
  return `${kind}_${body.slice(0, LOOKUP_LENGTH)}`;
}

export function hashSecret(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret against a stored hash. */
export function verifySecret(presented: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(presented), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  if (expected.length !== actual.length) return false;
  return timingSafeEqual(actual, expected);
}

function base62(buffer: Buffer): string {
  let n = BigInt(`0x${buffer.toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  // Fixed width, so every secret of a kind has the same length.
  const width = Math.ceil((buffer.length * 8) / Math.log2(62));
  return out.padStart(width, '0');
}
