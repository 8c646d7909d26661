import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  base64url,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  type JWTHeaderParameters,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { openTokenFixture, TEST_ISSUER, type TokenFixture } from '../../../test/support/token-fixture.ts';
import { storedSigningKey, withBrokenSignature } from '../../../test/support/token-forgery.ts';
import type { AccessClaims, TokenService } from './token-service.ts';

const claims: AccessClaims = { sub: 'usr_1', sid: 'ses_1', email_verified: true, amr: ['pwd'] };

describe('access tokens', () => {
  let f: TokenFixture;
  let tokens: TokenService;
  let start: number;

  before(async () => {
    f = await openTokenFixture();
    tokens = f.service();
    start = f.clock.now;
  });
  after(() => f.close());
  beforeEach(() => {
    f.clock.now = start;
  });

  /** Claims a genuine token would carry, at the fixture's clock. */
  function genuineClaims(): JWTPayload {
    const iat = Math.floor(f.clock.now / 1000);
    return { ...claims, iss: TEST_ISSUER, aud: TEST_ISSUER, jti: 'jti_forged', iat, exp: iat + 300 };
  }

  /** Signs with the instance's own private key (read from the database), so only the changed part is wrong. */
  async function signWithInstanceKey(
    payload: JWTPayload,
    header: Partial<JWTHeaderParameters> = {},
  ): Promise<string> {
    const stored = await storedSigningKey(f);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: stored.alg, kid: stored.kid, typ: 'at+jwt', ...header })
      .sign(stored.privateKey);
  }

  it('issues a token that verifies, with the given claims and the RFC 9068 header', async () => {
    const issued = await tokens.issueAccessToken({ ...claims, org_id: 'org_1', org_role: 'admin' });
    assert.equal(issued.expiresIn, 300);
    const header = decodeProtectedHeader(issued.token);
    assert.equal(header.alg, 'EdDSA');
    assert.equal(header.typ, 'at+jwt');
    assert.equal(typeof header.kid, 'string');
    const verified = await tokens.verifyAccessToken(issued.token);
    assert.ok(verified);
    const iat = Math.floor(start / 1000);
    assert.deepEqual(
      { ...verified, jti: 'x' },
      { ...claims, org_id: 'org_1', org_role: 'admin', iss: TEST_ISSUER, iat, exp: iat + 300, jti: 'x' },
    );
    assert.match(verified.jti, /^jti_/);
    assert.equal(decodeJwt(issued.token).aud, TEST_ISSUER);
  });

  it('gives each token its own jti and leaves out claims not given', async () => {
    const a = await tokens.verifyAccessToken((await tokens.issueAccessToken(claims)).token);
    const b = await tokens.verifyAccessToken((await tokens.issueAccessToken(claims)).token);
    assert.ok(a && b);
    assert.notEqual(a.jti, b.jti);
    assert.equal('org_id' in a, false);
    assert.equal('org_role' in a, false);
  });

  it('keeps tokens far under the 4 KB header and cookie limits', async () => {
    const { token } = await tokens.issueAccessToken({
      sub: 'usr_01JD0000000000000000000000',
      sid: 'ses_01JD0000000000000000000000',
      email_verified: true,
      amr: ['pwd', 'otp', 'mfa'],
      org_id: 'org_01JD0000000000000000000000',
      org_role: 'billing_admin',
    });
    assert.ok(token.length < 1024, `token is ${token.length} bytes`);
  });

  it('accepts a token signed with the instance key (the control for the forgeries below)', async () => {
    assert.ok(await tokens.verifyAccessToken(await signWithInstanceKey(genuineClaims())));
  });

  it('rejects a token whose payload or signature was changed', async () => {
    const { token } = await tokens.issueAccessToken(claims);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const changed = base64url.encode(JSON.stringify({ ...decodeJwt(token), sub: 'usr_admin' }));
    assert.equal(await tokens.verifyAccessToken(`${header}.${changed}.${signature}`), undefined);
    assert.equal(await tokens.verifyAccessToken(withBrokenSignature(token)), undefined);
    assert.equal(await tokens.verifyAccessToken(`${header}.${payload}.`), undefined);
    assert.equal(await tokens.verifyAccessToken('not a token'), undefined);
  });

  it('accepts a token up to 5 s past its expiry (clock skew) and not after', async () => {
    const { token } = await tokens.issueAccessToken(claims);
    f.clock.now = start + 304_000;
    assert.ok(await tokens.verifyAccessToken(token));
    f.clock.now = start + 306_000;
    assert.equal(await tokens.verifyAccessToken(token), undefined);
  });

  it('rejects a token issued in the future beyond the skew, or living longer than the TTL', async () => {
    const payload = genuineClaims();
    const iat = payload.iat as number;
    const rejected = async (token: string) => assert.equal(await tokens.verifyAccessToken(token), undefined);
    await rejected(await signWithInstanceKey({ ...payload, iat: iat + 60, exp: iat + 360 }));
    const longLived = await signWithInstanceKey({ ...payload, exp: iat + 86_400 });
    assert.ok(await tokens.verifyAccessToken(longLived));
    f.clock.now = start + 310_000;
    await rejected(longLived);
  });

  it('rejects alg none, whatever the signature part holds', async () => {
    const { kid } = await storedSigningKey(f);
    const header = base64url.encode(JSON.stringify({ alg: 'none', kid, typ: 'at+jwt' }));
    const payload = base64url.encode(JSON.stringify(genuineClaims()));
    assert.equal(await tokens.verifyAccessToken(`${header}.${payload}.`), undefined);
    assert.equal(await tokens.verifyAccessToken(`${header}.${payload}.c2ln`), undefined);
  });

  it('rejects HS256 keyed with the public key (algorithm confusion)', async () => {
    const stored = await storedSigningKey(f);
    const secret = new TextEncoder().encode(JSON.stringify(stored.publicJwk));
    const token = await new SignJWT(genuineClaims())
      .setProtectedHeader({ alg: 'HS256', kid: stored.kid, typ: 'at+jwt' })
      .sign(secret);
    assert.equal(await tokens.verifyAccessToken(token), undefined);
  });

  it('rejects a token signed by another key, under the real kid or an unknown one', async () => {
    const { kid } = await storedSigningKey(f);
    const other = await generateKeyPair('EdDSA');
    for (const claimedKid of [kid, 'unknown-kid', undefined]) {
      const token = await new SignJWT(genuineClaims())
        .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', ...(claimedKid ? { kid: claimedKid } : {}) })
        .sign(other.privateKey);
      assert.equal(await tokens.verifyAccessToken(token), undefined, `kid ${claimedKid}`);
    }
  });

  it('rejects the wrong issuer, audience or type, and a missing claim', async () => {
    const payload = genuineClaims();
    const rejected = async (token: string) => assert.equal(await tokens.verifyAccessToken(token), undefined);
    await rejected(await signWithInstanceKey({ ...payload, iss: 'https://evil.example' }));
    await rejected(await signWithInstanceKey({ ...payload, aud: 'https://other-api.example' }));
    await rejected(await signWithInstanceKey(payload, { typ: 'JWT' }));
    await rejected(await signWithInstanceKey(payload, { typ: undefined }));
    const { sid: _sid, ...withoutSid } = payload;
    await rejected(await signWithInstanceKey(withoutSid));
    await rejected(await signWithInstanceKey({ ...payload, amr: 'pwd' }));
  });

  it("rejects a token from an issuer with another public URL, even signed by this instance's key", async () => {
    const elsewhere = f.service({ env: { KEYSTONE_PUBLIC_URL: 'https://staging.example.test' } });
    const { token } = await elsewhere.issueAccessToken(claims);
    assert.equal(decodeProtectedHeader(token).kid, (await storedSigningKey(f)).kid);
    assert.ok(await elsewhere.verifyAccessToken(token));
    assert.equal(await tokens.verifyAccessToken(token), undefined);
  });
});

describe('access tokens signed with ES256', () => {
  let f: TokenFixture;
  before(async () => {
    f = await openTokenFixture({ KEYSTONE_SIGNING_ALG: 'ES256' });
  });
  after(() => f.close());

  it('issues, verifies and publishes a P-256 key', async () => {
    const tokens = f.service();
    const { token } = await tokens.issueAccessToken(claims);
    assert.equal(decodeProtectedHeader(token).alg, 'ES256');
    assert.equal((await tokens.verifyAccessToken(token))?.sub, 'usr_1');
    const [jwk] = (await tokens.jwks()).keys;
    assert.equal(jwk?.kty, 'EC');
    assert.equal(jwk?.crv, 'P-256');
    assert.equal(jwk?.alg, 'ES256');
  });

  it('refuses an ES256-keyed token whose header claims EdDSA', async () => {
    const stored = await storedSigningKey(f);
    const payload = decodeJwt((await f.service().issueAccessToken(claims)).token);
    const header = base64url.encode(JSON.stringify({ alg: 'EdDSA', kid: stored.kid, typ: 'at+jwt' }));
    const body = base64url.encode(JSON.stringify(payload));
    assert.equal(await f.service().verifyAccessToken(`${header}.${body}.c2ln`), undefined);
  });
});
