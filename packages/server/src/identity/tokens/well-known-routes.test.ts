import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { openTokenFixture, TEST_ISSUER, type TokenFixture } from '../../../test/support/token-fixture.ts';
import { withBrokenSignature } from '../../../test/support/token-forgery.ts';
import { buildApp } from '../../app.ts';
import { RETIRED_KEY_GRACE_SECONDS } from './signing-keys.ts';
import type { AccessClaims, TokenService } from './token-service.ts';

const claims: AccessClaims = { sub: 'usr_1', sid: 'ses_1', email_verified: true, amr: ['pwd'] };

describe('/.well-known documents', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { KEYSTONE_PUBLIC_URL: 'https://id.example.test/' } });
  });
  after(() => t.close());

  it('publishes the signing keys as a cacheable JWK Set, public halves only', async () => {
    const empty = await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    assert.equal(empty.statusCode, 200);
    assert.deepEqual(empty.json(), { keys: [] }, 'no key until the first token is issued');

    const { token } = await t.app.tokens.issueAccessToken(claims);
    const response = await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'public, max-age=300');
    assert.match(response.headers['content-type'] as string, /^application\/json/);
    const { keys } = response.json();
    assert.equal(keys.length, 1);
    assert.deepEqual(Object.keys(keys[0]).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    assert.deepEqual(
      { kid: keys[0].kid, alg: keys[0].alg, kty: keys[0].kty, crv: keys[0].crv, use: keys[0].use },
      { kid: decodeProtectedHeader(token).kid, alg: 'EdDSA', kty: 'OKP', crv: 'Ed25519', use: 'sig' },
    );
  });

  it('describes the issuer and where its keys are, and nothing it does not serve', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/.well-known/openid-configuration' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      issuer: 'https://id.example.test',
      jwks_uri: 'https://id.example.test/.well-known/jwks.json',
      id_token_signing_alg_values_supported: ['EdDSA'],
      subject_types_supported: ['public'],
      claims_supported: [
        'iss',
        'aud',
        'sub',
        'iat',
        'exp',
        'jti',
        'sid',
        'email_verified',
        'amr',
        'org_id',
        'org_role',
      ],
    });
  });

  it('needs no credential, and a bad one is still refused', async () => {
    const bad = await t.app.inject({
      method: 'GET',
      url: '/.well-known/jwks.json',
      headers: { authorization: 'Bearer a.b.c' },
    });
    assert.equal(bad.statusCode, 401);
  });
});

describe('a relying party verifying with jose.createRemoteJWKSet against the listening server', () => {
  let f: TokenFixture;
  let tokens: TokenService;
  let app: FastifyInstance;
  let base: string;

  before(async () => {
    f = await openTokenFixture();
    tokens = f.service();
    app = await buildApp({ config: f.config, database: f.database, encryption: f.encryption, tokens });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await app.close();
    await f.close();
  });

  /** Verifies as a relying party would, on the fixture's clock. */
  const verify = (token: string, keys: ReturnType<typeof createRemoteJWKSet>, at = f.clock.now) =>
    jwtVerify(token, keys, {
      issuer: TEST_ISSUER,
      audience: TEST_ISSUER,
      typ: 'at+jwt',
      algorithms: ['EdDSA', 'ES256'],
      currentDate: new Date(at),
    });

  it('verifies tokens across a rotation, and drops the old key after the overlap window', async () => {
    const discovery = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
    };
    assert.equal(discovery.jwks_uri, `${TEST_ISSUER}/.well-known/jwks.json`);
    // The server is not at its public URL here; the path is the one discovery names.
    const jwksUrl = new URL(new URL(discovery.jwks_uri).pathname, base);
    // jose refetches on an unknown kid at most once per cooldown (30 s of real time by default).
    const remote = createRemoteJWKSet(jwksUrl, { cooldownDuration: 0 });
    const issuedAt = f.clock.now;

    const before = (await tokens.issueAccessToken(claims)).token;
    const oldKid = decodeProtectedHeader(before).kid;
    assert.equal((await verify(before, remote)).payload.sub, 'usr_1');

    const rotated = await tokens.rotateSigningKey();
    assert.equal(rotated.retiredKid, oldKid);
    const after = (await tokens.issueAccessToken(claims)).token;
    assert.equal(decodeProtectedHeader(after).kid, rotated.kid);
    assert.equal((await verify(after, remote)).protectedHeader.kid, rotated.kid, 'the new kid is fetched');
    assert.equal((await verify(before, remote)).protectedHeader.kid, oldKid, 'the old token still verifies');
    const fresh = createRemoteJWKSet(jwksUrl);
    assert.ok(await verify(before, fresh), 'a verifier arriving now still finds the old key');

    f.clock.now = issuedAt + (f.config.identity.accessTokenTtlSeconds + RETIRED_KEY_GRACE_SECONDS + 1) * 1000;
    const published = (await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] };
    assert.deepEqual(
      published.keys.map((k) => k.kid),
      [rotated.kid],
    );
    // Even a verifier whose clock says the old token is still fresh finds no key for it now.
    await assert.rejects(verify(before, createRemoteJWKSet(jwksUrl), issuedAt), errors.JWKSNoMatchingKey);
    assert.ok(await verify((await tokens.issueAccessToken(claims)).token, createRemoteJWKSet(jwksUrl)));
  });

  it('authenticates a request carrying a token over real HTTP', async () => {
    const { token } = await tokens.issueAccessToken(claims);
    const ok = await fetch(`${base}/.well-known/jwks.json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(ok.status, 200);
    const refused = await fetch(`${base}/.well-known/jwks.json`, {
      headers: { authorization: `Bearer ${withBrokenSignature(token)}` },
    });
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as { code: string }).code, 'unauthenticated');
  });
});
