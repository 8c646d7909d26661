import type { EnvelopeEncryption } from '../crypto/envelope-encryption.ts';
import type { Database } from '../db/database.ts';
import { withInstanceTenant } from '../db/instance-tenant.ts';

/**
 * Stored responses are sealed: a replayable response may hold what must never
 * sit in clear in the database (access and refresh tokens, TOTP seeds, recovery
 * codes, one-time-revealed API keys). They are envelope-encrypted under the
 * instance's data key, bound to their (scope, key), and opened only to replay.
 */
export type ResponseSealer = {
  seal(id: { scope: string; key: string }, body: Buffer): Promise<Buffer>;
  open(id: { scope: string; key: string }, sealed: Buffer): Promise<Buffer>;
};

const field = (id: { scope: string; key: string }) => `idempotency_keys.response:${id.scope}:${id.key}`;

export function envelopeResponseSealer(
  database: Pick<Database, 'kysely'>,
  encryption: EnvelopeEncryption,
): ResponseSealer {
  return {
    async seal(id, body) {
      const ciphertext = await withInstanceTenant(database, (scope) =>
        encryption.encryptField(scope, { field: field(id), value: body.toString('base64') }),
      );
      return Buffer.from(ciphertext, 'utf8');
    },
    async open(id, sealed) {
      const value = await withInstanceTenant(database, (scope) =>
        encryption.decryptField(scope, { field: field(id), ciphertext: sealed.toString('utf8') }),
      );
      return Buffer.from(value, 'base64');
    },
  };
}
