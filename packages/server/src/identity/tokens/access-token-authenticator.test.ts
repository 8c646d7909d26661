import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { base64url, SignJWT } from 'jose';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { openTokenFixture, type TokenFixture } from '../../../test/support/token-fixture.ts';
import { storedSigningKey, withBrokenSignature } from '../../../test/support/token-forgery.ts';
import { loadEnvelopeEncryption } from '../../platform/crypto/load-encryption.ts';
import { accessTokenAuthenticator } from './access-token-authenticator.ts';
import type { AccessClaims } from './token-service.ts';

const claims: AccessClaims = {
  sub: 'usr_1',
  sid: 'ses_1',
  email_verified: true,
  amr: ['pwd', 'otp'],
  org_id: 'org_1',
  org_role: 'admin',
};

/** Answers with the request's principal, whatever it is. */
const principalProbe: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/probe/principal',
    { schema: { querystring: z.strictObject({}), response: { 200: z.looseObject({ kind: z.string() }) } } },
    async (request) => request.principal ?? { kind: 'none' },
  );
};

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('Authorization: Bearer <access token>', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ plugins: [principalProbe] });
  });
  after(() => t.close());

  const call = (headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: '/probe/principal', headers });

  it('makes a valid token a user principal', async () => {
    const { token } = await t.app.tokens.issueAccessToken(claims);
    const response = await call(bearer(token));
    assert.equal(response.statusCode, 200);
    const iat = (await t.app.tokens.verifyAccessToken(token))?.iat;
    assert.deepEqual(response.json(), {
      kind: 'user',
      id: 'usr_1',
      credentialId: 'ses_1',
      sessionId: 'ses_1',
      emailVerified: true,
      authMethods: ['pwd', 'otp'],
      issuedAt: iat,
      orgId: 'org_1',
      orgRole: 'admin',
    });
    assert.equal((await call(bearer(token))).statusCode, 200, 'and again, from the cache');
  });

  it('leaves out the organization when the token names none', async () => {
    const { token } = await t.app.tokens.issueAccessToken({
      sub: 'usr_2',
      sid: 'ses_2',
      email_verified: false,
      amr: [],
    });
    const body = (await call(bearer(token))).json();
    assert.equal(body.id, 'usr_2');
    assert.equal('orgId' in body, false);
    assert.equal('orgRole' in body, false);
  });

  it('answers 401 problem+json for a token that is not valid', async () => {
    const { token } = await t.app.tokens.issueAccessToken(claims);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const { encryption } = await loadEnvelopeEncryption(t.database, t.config);
    const key = await storedSigningKey({ database: t.database, encryption });
    const iat = Math.floor(Date.now() / 1000) - 3600;
    const expired = await new SignJWT({ ...claims, jti: 'j' })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
      .setIssuer(t.config.publicUrl)
      .setAudience(t.config.publicUrl)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 300)
      .sign(key.privateKey);
    const none = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }));
    const bad = {
      tampered: `${header}.${base64url.encode(JSON.stringify({ sub: 'usr_admin' }))}.${signature}`,
      'bad signature': withBrokenSignature(token),
      expired,
      'alg none': `${none}.${payload}.AA`,
      'not a JWT': 'opaque-token-value',
    };
    for (const [name, value] of Object.entries(bad)) {
      const response = await call(bearer(value));
      assert.equal(response.statusCode, 401, name);
      assert.match(response.headers['content-type'] as string, /^application\/problem\+json/, name);
      assert.equal(response.json().code, 'unauthenticated', name);
    }
  });

  it('still lets operator keys through, and an access token in X-Keystone-Key is not one', async () => {
    assert.equal((await call(t.operator)).json().kind, 'operator');
    const { token } = await t.app.tokens.issueAccessToken(claims);
    assert.equal((await call({ 'x-keystone-key': token })).statusCode, 401);
  });
});

describe('access-token authenticator cache', () => {
  let f: TokenFixture;
  before(async () => {
    f = await openTokenFixture();
  });
  after(() => f.close());

  it('answers a repeated token synchronously, but never past its expiry', async () => {
    const tokens = f.service();
    const authenticator = accessTokenAuthenticator(tokens, { now: () => f.clock.now });
    const { token } = await tokens.issueAccessToken(claims);
    const credential = { scheme: 'bearer' as const, value: token };
    const first = authenticator.authenticate(credential);
    assert.ok(first instanceof Promise);
    assert.equal((await first)?.id, 'usr_1');
    const second = authenticator.authenticate(credential);
    assert.ok(!(second instanceof Promise), 'a verified token is answered from memory');
    assert.equal(second?.id, 'usr_1');
    f.clock.now += 300_000;
    const expired = authenticator.authenticate(credential);
    assert.ok(expired instanceof Promise, 'at expiry it is checked again');
    await expired;
    f.clock.now += 10_000;
    assert.equal(await authenticator.authenticate(credential), undefined);
  });

  it('passes over credentials that are not JWTs, so other authenticators can have them', () => {
    const authenticator = accessTokenAuthenticator(f.service());
    assert.equal(authenticator.authenticate({ scheme: 'bearer', value: 'ks_operator_abc' }), undefined);
    assert.equal(authenticator.authenticate({ scheme: 'bearer', value: 'a.b' }), undefined);
    assert.equal(authenticator.authenticate({ scheme: 'x-keystone-key', value: 'a.b.c' }), undefined);
  });
});
