import { IV_BYTES, TAG_BYTES } from './aes-gcm.ts';

/**
 * The stored form of an encrypted field, self-describing so keys can rotate:
 *
 *   enc:v1:<data key id>:<iv, base64url>:<ciphertext ‖ tag, base64url>
 *
 * The associated data (never stored, rebuilt by the reader) binds the
 * organization, the caller's field context and the key id: a ciphertext moved
 * to another row, field or organization does not decrypt.
 */
export const CIPHERTEXT_PREFIX = 'enc:v1:';

export type ParsedCiphertext = { keyId: string; iv: Buffer; data: Buffer };

const KEY_ID = /^[a-z]+_[0-9A-Za-z]+$/;
const B64URL = /^[A-Za-z0-9_-]+$/;

export function formatCiphertext(parts: ParsedCiphertext): string {
  return `${CIPHERTEXT_PREFIX}${parts.keyId}:${parts.iv.toString('base64url')}:${parts.data.toString('base64url')}`;
}

/** The parts of a ciphertext, or undefined if it is not one this version wrote. */
export function parseCiphertext(value: string): ParsedCiphertext | undefined {
  if (!value.startsWith(CIPHERTEXT_PREFIX)) return undefined;
  const parts = value.slice(CIPHERTEXT_PREFIX.length).split(':');
  if (parts.length !== 3) return undefined;
  const [keyId, iv, data] = parts as [string, string, string];
  if (!KEY_ID.test(keyId) || !B64URL.test(iv) || !B64URL.test(data)) return undefined;
  const parsed = { keyId, iv: Buffer.from(iv, 'base64url'), data: Buffer.from(data, 'base64url') };
  if (parsed.iv.length !== IV_BYTES || parsed.data.length < TAG_BYTES) return undefined;
  return parsed;
}

export function fieldAad(orgId: string, field: string, keyId: string): Buffer {
  return Buffer.from(JSON.stringify(['keystone-field-v1', orgId, field, keyId]), 'utf8');
}
