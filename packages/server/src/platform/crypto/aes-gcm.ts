import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a fresh random 96-bit IV per message and a 128-bit tag.
 * `open` returns undefined for any failure (wrong key, tampered bytes, other
 * associated data) so callers map it to their own stable error, never a raw
 * crypto exception. Random IVs are safe for far more messages than one key
 * will ever see here (NIST's 2^32 bound per key).
 */
export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

export type Sealed = { iv: Buffer; data: Buffer };

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, data };
}

export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer | undefined {
  if (key.length !== KEY_BYTES || sealed.iv.length !== IV_BYTES || sealed.data.length < TAG_BYTES) {
    return undefined;
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.data.subarray(sealed.data.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(sealed.data.subarray(0, sealed.data.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    return undefined;
  }
}
