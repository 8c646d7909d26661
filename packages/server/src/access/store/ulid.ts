import { randomBytes } from 'node:crypto';

/**
 * OpenFGA's id format (a ULID: 26 chars of Crockford base32, a 48-bit millisecond time then 80 random
 * bits), which the OpenFGA SDK validates. Monotonic within this process: an id made in the same
 * millisecond as the previous one is that one plus one, so "the newest id" is the latest written model.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

let last = 0n;

export function newUlid(now = Date.now()): string {
  const time = BigInt(now) << 80n;
  let value = time | BigInt(`0x${randomBytes(10).toString('hex')}`);
  if (value <= last && last >> 80n >= BigInt(now)) value = last + 1n;
  last = value;
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}
