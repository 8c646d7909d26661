import { KEY_BYTES, open, seal } from './aes-gcm.ts';
import type { KeyEncryptionKey } from './master-key.ts';

/**
 * A data key wrapped by the KEK: AES-256-GCM, stored as base64 of iv ‖ ciphertext ‖ tag.
 * The associated data names the organization and key id, so a wrapped key
 * copied to another organization's row does not unwrap there.
 */
export type DataKeyIdentity = { orgId: string; keyId: string };

function wrapAad({ orgId, keyId }: DataKeyIdentity): Buffer {
  return Buffer.from(JSON.stringify(['keystone-data-key-v1', orgId, keyId]), 'utf8');
}

export function wrapDataKey(kek: KeyEncryptionKey, identity: DataKeyIdentity, dataKey: Buffer): string {
  if (dataKey.length !== KEY_BYTES) throw new Error(`a data key must be ${KEY_BYTES} bytes`);
  const { iv, data } = seal(kek.key, dataKey, wrapAad(identity));
  return Buffer.concat([iv, data]).toString('base64');
}

/** The data key, or undefined if this KEK did not wrap it for this organization and id. */
export function unwrapDataKey(
  kek: KeyEncryptionKey,
  identity: DataKeyIdentity,
  wrapped: string,
): Buffer | undefined {
  const bytes = Buffer.from(wrapped, 'base64');
  const key = open(kek.key, { iv: bytes.subarray(0, 12), data: bytes.subarray(12) }, wrapAad(identity));
  return key?.length === KEY_BYTES ? key : undefined;
}
