import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
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

// An arbitrary constant naming "the first-start operator key lock" among advisory locks (bigint).
const FIRST_START_OPERATOR_KEY_LOCK = 7_310_245_003;

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
  // Servers starting together on one database would each find no key and each make one:
  // the lock makes the second wait for the first to commit, then find its key.
  const created = await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${FIRST_START_OPERATOR_KEY_LOCK})`.execute(trx);
    const active = await trx
      .selectFrom('operator_keys')
      .select('id')
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (active) return undefined;
    const secret = issueSecret(OPERATOR_KEY_KIND);
    await trx
      .insertInto('operator_keys')
      .values({
        id: newId('opk'),
        name: 'first operator key',
        lookup: secret.lookup,
        secret_hash: secret.hash,
      })
      .execute();
    return secret;
  });
  if (!created) {
    const plaintext = existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
    return { plaintext, source: plaintext ? 'file' : 'none' };
  }
  writeFileSync(file, `${created.plaintext}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { plaintext: created.plaintext, source: 'created' };
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
