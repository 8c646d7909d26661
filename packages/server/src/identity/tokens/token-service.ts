import { errors, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Config } from '../../platform/config/config.ts';
import type { EnvelopeEncryption } from '../../platform/crypto/envelope-encryption.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { createSigningKeys, SIGNING_ALGS } from './signing-keys.ts';

/**
 * Access tokens: short-lived JWTs (RFC 9068 `at+jwt`) signed with the instance's
 * active signing key, verifiable by anyone from /.well-known/jwks.json. They are
 * not looked up on use: what makes one invalid is its signature, issuer,
 * audience, type or expiry, never a database row.
 */
export type AccessClaims = {
  sub: string;
  sid: string;
  email_verified: boolean;
  amr: string[];
  org_id?: string;
  org_role?: string;
};

export type VerifiedAccessToken = AccessClaims & { iat: number; exp: number; iss: string; jti: string };

export type TokenService = {
  issueAccessToken(claims: AccessClaims): Promise<{ token: string; expiresIn: number }>;
  /** undefined for anything not valid: bad signature, expired, wrong issuer/audience, unknown kid, alg none... */
  verifyAccessToken(token: string): Promise<VerifiedAccessToken | undefined>;
  jwks(): Promise<{ keys: JWK[] }>;
  rotateSigningKey(): Promise<{ kid: string; retiredKid: string | undefined }>;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Issues and verifies access tokens (identity/tokens). */
    tokens: TokenService;
  }
}

export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** How far a verifier's clock may disagree with the issuer's. */
export const CLOCK_SKEW_SECONDS = 5;

const claimsSchema = z.object({
  iss: z.string(),
  sub: z.string().min(1),
  sid: z.string().min(1),
  jti: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
  email_verified: z.boolean(),
  amr: z.array(z.string()),
  org_id: z.string().optional(),
  org_role: z.string().optional(),
});

export function createTokenService(deps: {
  database: Database;
  encryption: EnvelopeEncryption;
  config: Config;
  /** Epoch ms; tests move it to expire tokens and retire keys. */
  now?: () => number;
}): TokenService {
  const { config } = deps;
  const now = deps.now ?? Date.now;
  const ttl = config.identity.accessTokenTtlSeconds;
  const issuer = config.publicUrl;
  const keys = createSigningKeys({
    database: deps.database,
    encryption: deps.encryption,
    alg: config.identity.signingAlg,
    accessTokenTtlSeconds: ttl,
    now,
  });

  return {
    async issueAccessToken(claims) {
      const signer = await keys.signer();
      const iat = Math.floor(now() / 1000);
      const { sub, ...rest } = claims;
      const token = await new SignJWT(withoutUndefined(rest))
        .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: ACCESS_TOKEN_TYPE })
        .setIssuer(issuer)
        .setAudience(issuer)
        .setSubject(sub)
        .setJti(newId('jti'))
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttl)
        .sign(signer.key);
      return { token, expiresIn: ttl };
    },

    async verifyAccessToken(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(
          token,
          async (header) => {
            const key = header.kid ? await keys.publicKey(header.kid) : undefined;
            // A key signs with one algorithm only: a header naming another is refused.
            if (!key || key.alg !== header.alg) throw new errors.JWKSNoMatchingKey();
            return key.key;
          },
          {
            algorithms: [...SIGNING_ALGS],
            issuer,
            audience: issuer,
            typ: ACCESS_TOKEN_TYPE,
            clockTolerance: CLOCK_SKEW_SECONDS,
            // No token of ours lives longer than the TTL, nor was issued in the future.
            maxTokenAge: ttl,
            currentDate: new Date(now()),
            requiredClaims: ['sub', 'jti', 'iat', 'exp'],
          },
        ));
      } catch (error) {
        // Only a token's own faults mean "not valid"; a database failure must not pose as one.
        if (error instanceof errors.JOSEError) return undefined;
        throw error;
      }
      const parsed = claimsSchema.safeParse(payload);
      return parsed.success ? withoutUndefined(parsed.data) : undefined;
    },

    async jwks() {
      return { keys: (await keys.published()).map((key) => key.jwk) };
    },

    rotateSigningKey: () => keys.rotate(),
  };
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
