import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashSecret, issueSecret, secretLookup, verifySecret } from '../crypto/secret-hash.ts';
import type { Database } from '../db/database.ts';
import { newId } from '../ids.ts';
import type { Authenticator, Principal } from './principal.ts';

/**
 * Operator keys run the instance. One is made on first start (written to
 * `<data dir>/operator-key`, mode 0600, and printed as the demo credential) unless
 * KEYSTONE_OPERATOR_KEY provides it.
 */
export const OPERATOR_KEY_KIND = 'ks_operator';
const CACHE_TTL_MS = 30_000;

export type OperatorKeyBootstrap = {
  plaintext: string | undefined;
  source: 'env' | 'file' | 'created' | 'none';
};

export async function ensureOperatorKey(
  database: Database,
  options: { dataDir: string; fromEnv: string | undefined },
): Promise<OperatorKeyBootstrap> {
  const db = database.kysely;
  if (options.fromEnv) {
    const lookup = secretLookup(OPERATOR_KEY_KIND, options.fromEnv);
    if (!lookup)
      throw new Error(`KEYSTONE_OPERATOR_KEY must look like ${OPERATOR_KEY_KIND}_<43 base62 chars>`);
    const hash = hashSecret(options.fromEnv);
    await db
      .insertInto('operator_keys')
      .values({ id: newId('opk'), name: 'from KEYSTONE_OPERATOR_KEY', lookup, secret_hash: hash })
      .onConflict((oc) => oc.column('lookup').doNothing())
      .execute();
    return { plaintext: options.fromEnv, source: 'env' };
  }
  const file = path.join(options.dataDir, 'operator-key');
  const active = await db
    .selectFrom('operator_keys')
    .select('id')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (active) {
    const plaintext = existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
    return { plaintext, source: plaintext ? 'file' : 'none' };
  }
  const secret = issueSecret(OPERATOR_KEY_KIND);
  await db
    .insertInto('operator_keys')
    .values({ id: newId('opk'), name: 'first operator key', lookup: secret.lookup, secret_hash: secret.hash })
    .execute();
  writeFileSync(file, `${secret.plaintext}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { plaintext: secret.plaintext, source: 'created' };
}

/** Authenticates operator keys, caching a verified key briefly so the hot path skips the database. */
export function operatorKeyAuthenticator(database: Database): Authenticator {
  const cache = new Map<string, { principal: Principal; expires: number }>();
  return {
    name: 'operator-key',
    authenticate(credential) {
      const lookup = secretLookup(OPERATOR_KEY_KIND, credential.value);
      if (!lookup) return undefined;
      const cached = cache.get(credential.value);
      if (cached && cached.expires > Date.now()) return cached.principal;
      return verifyOperatorKey(lookup, credential.value);
    },
  };

  async function verifyOperatorKey(lookup: string, plaintext: string): Promise<Principal | undefined> {
    const row = await database.kysely
      .selectFrom('operator_keys')
      .select(['id', 'secret_hash'])
      .where('lookup', '=', lookup)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row || !verifySecret(plaintext, row.secret_hash)) return undefined;
    const principal: Principal = { kind: 'operator', id: row.id, credentialId: row.id };
    if (cache.size > 1000) cache.clear();
    cache.set(plaintext, { principal, expires: Date.now() + CACHE_TTL_MS });
    return principal;
  }
}
