import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config/config.ts';
import type { TokenService } from './token-service.ts';

/**
 * The documents a relying party needs to verify Keystone's access tokens on its
 * own: the public signing keys and the discovery document that points to them.
 * Only what is true is published: there is no OAuth authorization server (yet),
 * so no authorization or token endpoint.
 */
const noQuery = z.strictObject({});

/** A public key exactly: a private member (`d`) cannot pass this schema, so it cannot be sent. */
const publicJwk = z.strictObject({
  kty: z.enum(['OKP', 'EC']),
  crv: z.enum(['Ed25519', 'P-256']),
  x: z.string(),
  y: z.string().optional().describe('EC keys only'),
  kid: z.string(),
  alg: z.enum(['EdDSA', 'ES256']),
  use: z.literal('sig'),
});

const jwksDocument = z.strictObject({
  keys: z.array(publicJwk).describe('The active signing key first, then retired keys still in use'),
});

const openIdConfiguration = z.strictObject({
  issuer: z.string(),
  jwks_uri: z.string(),
  id_token_signing_alg_values_supported: z.array(z.string()),
  subject_types_supported: z.array(z.literal('public')),
  claims_supported: z.array(z.string()),
});

export const JWKS_PATH = '/.well-known/jwks.json';
export const JWKS_CACHE_CONTROL = 'public, max-age=300';
const CLAIMS = [
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
];

export function wellKnownRoutes(tokens: TokenService, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      JWKS_PATH,
      {
        config: { access: 'public' },
        schema: {
          tags: ['identity'],
          summary: 'The public keys that verify access tokens (JWK Set, RFC 7517)',
          querystring: noQuery,
          response: { 200: jwksDocument },
        },
      },
      async (_request, reply) => {
        const { keys } = await tokens.jwks();
        reply.header('cache-control', JWKS_CACHE_CONTROL);
        return { keys: keys as z.infer<typeof publicJwk>[] };
      },
    );

    app.get(
      '/.well-known/openid-configuration',
      {
        config: { access: 'public' },
        schema: {
          tags: ['identity'],
          summary: 'Discovery: the token issuer and where its keys are',
          querystring: noQuery,
          response: { 200: openIdConfiguration },
        },
      },
      async () => ({
        issuer: config.publicUrl,
        jwks_uri: `${config.publicUrl}${JWKS_PATH}`,
        id_token_signing_alg_values_supported: [config.identity.signingAlg],
        subject_types_supported: ['public' as const],
        claims_supported: CLAIMS,
      }),
    );
  };
}
