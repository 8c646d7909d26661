import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { openTokenFixture, TEST_ISSUER, type TokenFixture } from '../../../test/support/token-fixture.ts';
import { storedSigningKey } from '../../../test/support/token-forgery.ts';
import { type Database, openDatabase } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import {
  CACHE_TTL_MS,
  privateKeyField,
  RETIRED_KEY_GRACE_SECONDS,
  UNKNOWN_KID_RELOAD_MS,
} from './signing-keys.ts';
import type { AccessClaims, TokenService } from './token-service.ts';

const claims: AccessClaims = { sub: 'usr_1', sid: 'ses_1', email_verified: false, amr: ['pwd'] };
const TTL_SECONDS = 300;
const OVERLAP_MS = (TTL_SECONDS + RETIRED_KEY_GRACE_SECONDS) * 1000;

async function kidOf(tokens: TokenService): Promise<string> {
  return decodeProtectedHeader((await tokens.issueAccessToken(claims)).token).kid as string;
}

/** Several token services on one database, as several server processes would be (PostgreSQL: own pools). */
async function servicesOnOneDatabase(f: TokenFixture, count: number) {
  const databases: Database[] = [];
  for (let i = 0; i < count; i++) {
    databases.push(
      f.database.url ? await openDatabase({ databaseUrl: f.database.url, poolSize: 2 }) : f.database,
    );
  }
  return {
    services: databases.map((database) => f.service({ database })),
    close: () => Promise.all(databases.filter((d) => d !== f.database).map((d) => d.close())),
  };
}

describe('signing keys', () => {
  let f: TokenFixture;
  before(async () => {
    f = await openTokenFixture();
  });
  after(() => f.close());

  it('creates the first key once when several processes need it at the same moment', async () => {
    const { services, close } = await servicesOnOneDatabase(f, 4);
    try {
      const issued = await Promise.all(services.map((s) => s.issueAccessToken(claims)));
      const rows = await f.database.kysely.selectFrom('signing_keys').select(['kid', 'retired_at']).execute();
      assert.equal(rows.length, 1);
      for (const { token } of issued) {
        assert.equal(decodeProtectedHeader(token).kid, rows[0]?.kid);
        for (const service of services) assert.ok(await service.verifyAccessToken(token));
      }
    } finally {
      await close();
    }
  });

  it('stores the private key as ciphertext bound to its kid; the public JWK has no private part', async () => {
    // storedSigningKey decrypts the private key the way the service does: the positive control.
    const stored = await storedSigningKey(f);
    assert.throws(() => JSON.parse(stored.ciphertext));
    assert.doesNotMatch(stored.ciphertext, /"d"|Ed25519|OKP|\{/);
    assert.equal('d' in stored.publicJwk, false);
    assert.deepEqual(Object.keys(stored.publicJwk).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    await assert.rejects(
      withInstanceTenant(f.database, (scope) =>
        f.encryption.decryptField(scope, {
          field: privateKeyField('another-kid'),
          ciphertext: stored.ciphertext,
        }),
      ),
      /does not decrypt/,
      'the ciphertext is bound to its kid',
    );
  });

  it('rotates: old tokens verify through the overlap window, new ones use the new key, then the old key is gone', async () => {
    const start = f.clock.now;
    const tokens = f.service();
    const oldKid = await kidOf(tokens);
    const before = (await tokens.issueAccessToken(claims)).token;
    const oldKey = await storedSigningKey(f, oldKid);

    const rotated = await tokens.rotateSigningKey();
    assert.equal(rotated.retiredKid, oldKid);
    assert.notEqual(rotated.kid, oldKid);
    assert.equal(await kidOf(tokens), rotated.kid);
    assert.ok(await tokens.verifyAccessToken(before), 'a token signed before the rotation still verifies');
    assert.deepEqual(
      (await tokens.jwks()).keys.map((k) => k.kid),
      [rotated.kid, oldKid],
      'both published, the signer first',
    );

    // A token the old key signed just now (as a process that has not reloaded yet would) is accepted until
    // the window closes, and refused after: the key itself is no longer trusted, not just the token.
    const forge = async () => {
      const iat = Math.floor(f.clock.now / 1000);
      return new SignJWT({ ...claims, jti: 'j' })
        .setProtectedHeader({ alg: oldKey.alg, kid: oldKid, typ: 'at+jwt' })
        .setIssuer(TEST_ISSUER)
        .setAudience(TEST_ISSUER)
        .setIssuedAt(iat)
        .setExpirationTime(iat + TTL_SECONDS)
        .sign(oldKey.privateKey);
    };
    f.clock.now = start + OVERLAP_MS - 1000;
    assert.ok(await tokens.verifyAccessToken(await forge()));
    assert.equal((await tokens.jwks()).keys.length, 2);
    f.clock.now = start + OVERLAP_MS + 1000;
    assert.equal(await tokens.verifyAccessToken(await forge()), undefined);
    assert.deepEqual(
      (await tokens.jwks()).keys.map((k) => k.kid),
      [rotated.kid],
    );
    assert.equal(await tokens.verifyAccessToken(before), undefined);
  });

  it("picks up another process's rotation: when its cache expires, or at once for an unknown kid (rate-limited)", async () => {
    const { services, close } = await servicesOnOneDatabase(f, 2);
    const [a, b] = services as [TokenService, TokenService];
    try {
      const k1 = await kidOf(a);
      assert.equal(await kidOf(b), k1);

      // a rotates; b keeps signing with the key it holds (still published and accepted everywhere).
      const k2 = (await a.rotateSigningKey()).kid;
      const fromB = (await b.issueAccessToken(claims)).token;
      assert.equal(decodeProtectedHeader(fromB).kid, k1);
      assert.ok(await a.verifyAccessToken(fromB));

      // A token with the new kid makes b reload at once; b then signs with the new key too.
      assert.ok(await b.verifyAccessToken((await a.issueAccessToken(claims)).token));
      assert.equal(await kidOf(b), k2);

      // Another unknown kid right away finds the reload rate-limited; after the interval it reloads.
      await a.rotateSigningKey();
      const third = (await a.issueAccessToken(claims)).token;
      assert.equal(await b.verifyAccessToken(third), undefined, 'no second reload within the interval');
      f.clock.now += UNKNOWN_KID_RELOAD_MS;
      assert.ok(await b.verifyAccessToken(third), 'reloaded once the interval passed');

      // With no token to tell it, b finds a rotation when its cache expires.
      const k4 = (await a.rotateSigningKey()).kid;
      assert.notEqual(await kidOf(b), k4);
      f.clock.now += CACHE_TTL_MS;
      assert.equal(await kidOf(b), k4);
    } finally {
      await close();
    }
  });

  it('two rotations at once both happen, one after the other, leaving one active key', async () => {
    const { services, close } = await servicesOnOneDatabase(f, 2);
    try {
      const before = await f.database.kysely.selectFrom('signing_keys').select('kid').execute();
      const results = await Promise.all(services.map((s) => s.rotateSigningKey()));
      const rows = await f.database.kysely.selectFrom('signing_keys').select(['kid', 'retired_at']).execute();
      assert.equal(rows.length, before.length + 2);
      const active = rows.filter((r) => r.retired_at === null);
      assert.equal(active.length, 1);
      assert.ok(results.some((r) => r.kid === active[0]?.kid));
      assert.ok(results.some((r) => r.retiredKid === results.find((o) => o !== r)?.kid));
    } finally {
      await close();
    }
  });
});
