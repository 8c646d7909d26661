import { randomBytes } from 'node:crypto';
import type { TenantScope } from '../db/tenant-scope.ts';
import { AppError } from '../errors/app-error.ts';
import { newId } from '../ids.ts';
import { KEY_BYTES, open, seal } from './aes-gcm.ts';
import {
  findActiveDataKey,
  findDataKey,
  insertActiveDataKey,
  retireActiveDataKey,
  type StoredDataKey,
} from './data-key-store.ts';
import { unwrapDataKey, wrapDataKey } from './data-key-wrap.ts';
import { fieldAad, formatCiphertext, parseCiphertext } from './field-ciphertext.ts';
import type { KeyEncryptionKey } from './master-key.ts';

/**
 * Envelope encryption for secrets that must be read back (TOTP seeds, webhook
 * signing secrets): each organization has its own data key (AES-256-GCM),
 * created on first use and stored only wrapped by the KEK. `field` is the
 * caller's context, e.g. `users.totp_secret:<user id>`; it and the org id are
 * bound as associated data, so the same field context must be given to decrypt.
 * Every failure is an AppError (`decryption_failed`, `encryption_key_mismatch`).
 */
export type EnvelopeEncryption = {
  /** The id of the KEK this service holds. */
  readonly kekId: string;
  encryptField(scope: TenantScope, input: { field: string; value: string }): Promise<string>;
  decryptField(scope: TenantScope, input: { field: string; ciphertext: string }): Promise<string>;
  /** Retires the org's active data key and makes a new one; old ciphertexts still decrypt. */
  rotateDataKey(scope: TenantScope): Promise<string>;
};

const DEFAULT_CACHE_TTL_MS = 5 * 60_000;
const CACHE_MAX_ENTRIES = 1000;

export function createEnvelopeEncryption(
  kek: KeyEncryptionKey,
  options: { cacheTtlMs?: number } = {},
): EnvelopeEncryption {
  const ttl = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  // Unwrapped data keys, by org and key id; a key id names one key forever, so entries never go stale.
  const cache = new Map<string, { key: Buffer; expires: number }>();

  function cached(orgId: string, keyId: string): Buffer | undefined {
    const hit = cache.get(`${orgId}\u0000${keyId}`);
    return hit && hit.expires > Date.now() ? hit.key : undefined;
  }

  function unwrap(orgId: string, stored: StoredDataKey): Buffer {
    const hit = cached(orgId, stored.key_id);
    if (hit) return hit;
    if (stored.kek_id !== kek.id) {
      throw new AppError('encryption_key_mismatch', {
        detail: `data key ${stored.key_id} is wrapped by master key ${stored.kek_id}; this server holds ${kek.id}`,
      });
    }
    const key = unwrapDataKey(kek, { orgId, keyId: stored.key_id }, stored.wrapped_key);
    if (!key)
      throw new AppError('decryption_failed', { detail: `data key ${stored.key_id} does not unwrap` });
    if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
    cache.set(`${orgId}\u0000${stored.key_id}`, { key, expires: Date.now() + ttl });
    return key;
  }

  async function createDataKey(scope: TenantScope): Promise<StoredDataKey> {
    const keyId = newId('dek');
    const wrapped = wrapDataKey(kek, { orgId: scope.orgId, keyId }, randomBytes(KEY_BYTES));
    await insertActiveDataKey(scope, { key_id: keyId, kek_id: kek.id, wrapped_key: wrapped });
    const active = await findActiveDataKey(scope);
    if (!active) throw new Error(`no active data key for ${scope.orgId} after creating one`);
    return active;
  }

  return {
    kekId: kek.id,

    async encryptField(scope, { field, value }) {
      requireField(field);
      const stored = (await findActiveDataKey(scope)) ?? (await createDataKey(scope));
      const key = unwrap(scope.orgId, stored);
      const sealed = seal(key, Buffer.from(value, 'utf8'), fieldAad(scope.orgId, field, stored.key_id));
      return formatCiphertext({ keyId: stored.key_id, ...sealed });
    },

    async decryptField(scope, { field, ciphertext }) {
      requireField(field);
      const parsed = parseCiphertext(ciphertext);
      if (!parsed)
        throw new AppError('decryption_failed', { detail: 'the value is not a Keystone ciphertext' });
      const key =
        cached(scope.orgId, parsed.keyId) ?? unwrap(scope.orgId, await storedKey(scope, parsed.keyId));
      const plaintext = open(key, parsed, fieldAad(scope.orgId, field, parsed.keyId));
      if (!plaintext) {
        throw new AppError('decryption_failed', {
          detail: 'the value does not decrypt for this organization and field',
        });
      }
      return plaintext.toString('utf8');
    },

    async rotateDataKey(scope) {
      await retireActiveDataKey(scope);
      return (await createDataKey(scope)).key_id;
    },
  };
}

async function storedKey(scope: TenantScope, keyId: string): Promise<StoredDataKey> {
  const stored = await findDataKey(scope, keyId);
  // RLS and the org filter hide other organizations' keys: a foreign ciphertext lands here.
  if (!stored)
    throw new AppError('decryption_failed', { detail: 'the value was not encrypted for this organization' });
  return stored;
}

function requireField(field: string): void {
  if (typeof field !== 'string' || field.length === 0) {
    throw new Error('encryptField/decryptField need a field context such as "users.totp_secret:<id>"');
  }
}
