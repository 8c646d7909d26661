import { type CryptoKey, importJWK, type JWK } from 'jose';
import { privateKeyField, type SigningAlg } from '../../src/identity/tokens/signing-keys.ts';
import { withInstanceTenant } from '../../src/platform/db/instance-tenant.ts';
import type { TokenFixture } from './token-fixture.ts';

/**
 * A signing key as stored, private half decrypted: tests sign tokens with the
 * instance's own key to show that only the one thing they changed is refused.
 * `kid` picks a key; without it, the active one.
 */
export async function storedSigningKey(
  f: Pick<TokenFixture, 'database' | 'encryption'>,
  kid?: string,
): Promise<{ kid: string; alg: SigningAlg; privateKey: CryptoKey; publicJwk: JWK; ciphertext: string }> {
  let query = f.database.kysely.selectFrom('signing_keys').selectAll();
  query = kid ? query.where('kid', '=', kid) : query.where('retired_at', 'is', null);
  const row = await query.executeTakeFirstOrThrow();
  const jwk = await withInstanceTenant(f.database, (scope) =>
    f.encryption.decryptField(scope, { field: privateKeyField(row.kid), ciphertext: row.private_ciphertext }),
  );
  return {
    kid: row.kid,
    alg: row.alg,
    privateKey: (await importJWK(JSON.parse(jwk) as JWK, row.alg)) as CryptoKey,
    publicJwk: row.public_jwk as JWK,
    ciphertext: row.private_ciphertext,
  };
}

/** The same token with its signature's first character changed (every bit of it counts, unlike the last's). */
export function withBrokenSignature(token: string): string {
  const [header, payload, signature = ''] = token.split('.');
  return `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
}
