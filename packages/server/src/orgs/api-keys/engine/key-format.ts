import { crc32 } from 'node:zlib';

/**
 * The API key format, after GitHub's tokens: a prefix naming what the key is
 * (`sk_live_`, `sk_test_`, `pk_live_`, `pk_test_`), 256 random bits in base62
 * (43 characters), then a 6-character base62 CRC32 of everything before it.
 * Secret scanners recognise the prefix and can check the checksum without
 * asking us; a mistyped key is refused before any database read.
 *
 *   sk_live_<43 base62 random><6 base62 checksum>
 */
export type ApiKeyKind = 'secret' | 'publishable';
export type ApiKeyEnvironment = 'live' | 'test';

export type ParsedApiKey = {
  kind: ApiKeyKind;
  environment: ApiKeyEnvironment;
  /** Stored in clear, indexed: the prefix and the first 12 random characters. */
  lookup: string;
  /** Whether the checksum matches; a key that fails it was mistyped or made up. */
  checksumValid: boolean;
};

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_BYTES = 32;
const RANDOM_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
const LOOKUP_LENGTH = 12;
const DISPLAY_LENGTH = 12;
const SHAPE = /^(sk|pk)_(live|test)_([0-9A-Za-z]{43})([0-9A-Za-z]{6})$/;

export function keyPrefix(kind: ApiKeyKind, environment: ApiKeyEnvironment): string {
  return `${kind === 'secret' ? 'sk' : 'pk'}_${environment}_`;
}

/** A new key's plaintext from 32 random bytes (the caller supplies them: this file does no I/O). */
export function formatApiKey(kind: ApiKeyKind, environment: ApiKeyEnvironment, random: Uint8Array): string {
  if (random.length !== RANDOM_BYTES) throw new Error(`an API key needs ${RANDOM_BYTES} random bytes`);
  const head = `${keyPrefix(kind, environment)}${base62(BigInt(`0x${Buffer.from(random).toString('hex')}`), RANDOM_LENGTH)}`;
  return `${head}${checksumOf(head)}`;
}

/** What a presented string is, or undefined when it is not shaped like an API key at all. */
export function parseApiKey(presented: string): ParsedApiKey | undefined {
  const match = SHAPE.exec(presented);
  if (!match) return undefined;
  const [, type, environment, random, checksum] = match as unknown as [
    string,
    'sk' | 'pk',
    ApiKeyEnvironment,
    string,
    string,
  ];
  const head = presented.slice(0, presented.length - CHECKSUM_LENGTH);
  return {
    kind: type === 'sk' ? 'secret' : 'publishable',
    environment,
    lookup: `${type}_${environment}_${random.slice(0, LOOKUP_LENGTH)}`,
    checksumValid: checksumOf(head) === checksum,
  };
}

/** What a console shows for a key: enough to tell keys apart, far too little to use. */
export function displayPrefix(plaintext: string): string {
  return `${plaintext.slice(0, DISPLAY_LENGTH)}…`;
}

function checksumOf(head: string): string {
  return base62(BigInt(crc32(head)), CHECKSUM_LENGTH);
}

/** Fixed width, so every key has the same length. */
function base62(value: bigint, width: number): string {
  let n = value;
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(width, '0');
}
