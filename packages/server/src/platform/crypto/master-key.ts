import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KEY_BYTES } from './aes-gcm.ts';

/**
 * The key-encryption key (KEK): it wraps every organization's data key and
 * nothing else. It comes from KEYSTONE_MASTER_KEY (32 bytes, base64) or, when
 * that is unset, from `<data dir>/master.key`, generated on first start. Its id
 * (first 8 bytes of SHA-256 of the key, hex) is stored beside each wrapped data
 * key, so a server holding the wrong KEK says so instead of failing obscurely.
 */
export type KeyEncryptionKey = { readonly id: string; readonly key: Buffer };

export type ResolvedMasterKey = {
  kek: KeyEncryptionKey;
  /** env: KEYSTONE_MASTER_KEY; file: read from master.key; generated: new, not yet written. */
  source: 'env' | 'file' | 'generated';
  /** The master.key path (file and generated sources). */
  file: string | undefined;
};

export const MASTER_KEY_FILE = 'master.key';

export function kekFromBytes(key: Buffer): KeyEncryptionKey {
  if (key.length !== KEY_BYTES) throw new Error(`a master key must be ${KEY_BYTES} bytes`);
  return { id: createHash('sha256').update(key).digest().subarray(0, 8).toString('hex'), key };
}

/** Parses a base64 master key; `origin` names where it came from for the error message. */
export function kekFromBase64(value: string, origin: string): KeyEncryptionKey {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${origin} must hold ${KEY_BYTES} bytes, base64-encoded`);
  return kekFromBytes(key);
}

export function generateKek(): KeyEncryptionKey {
  return kekFromBytes(randomBytes(KEY_BYTES));
}

export function masterKeyFile(dataDir: string): string {
  return path.join(dataDir, MASTER_KEY_FILE);
}

/** Finds the KEK without writing anything: a generated one is written by the caller once it is accepted. */
export function resolveMasterKey(options: {
  masterKey: string | undefined;
  dataDir: string;
}): ResolvedMasterKey {
  if (options.masterKey) {
    return { kek: kekFromBase64(options.masterKey, 'KEYSTONE_MASTER_KEY'), source: 'env', file: undefined };
  }
  const file = masterKeyFile(options.dataDir);
  if (existsSync(file)) {
    return { kek: kekFromBase64(readFileSync(file, 'utf8'), file), source: 'file', file };
  }
  return { kek: generateKek(), source: 'generated', file };
}

/** Writes a key file (mode 0600) atomically: a crash leaves the old file or the new one, never half of one. */
export function writeMasterKeyFile(file: string, kek: KeyEncryptionKey): void {
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, `${kek.key.toString('base64')}\n`, { mode: 0o600, flush: true });
  chmodSync(partial, 0o600);
  renameSync(partial, file);
}

export function generatedKeyWarning(file: string): string {
  return (
    `generated a new master key in ${file}: back it up with the data, since encrypted fields cannot be ` +
    'read without it; in production set KEYSTONE_MASTER_KEY (32 random bytes, base64) instead'
  );
}
