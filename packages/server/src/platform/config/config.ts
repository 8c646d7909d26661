import path from 'node:path';
import { z } from 'zod';
import { parseApiKey } from '../../orgs/api-keys/engine/key-format.ts';

/** Environment variables Keystone reads, validated once at start. */
const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_APP_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  KEYSTONE_DATA_DIR: z.string().min(1).default('.keystone'),
  KEYSTONE_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  KEYSTONE_OPERATOR_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  // The instance administration key (orgs/api-keys): an sk_live_/sk_test_ key with every scope.
  KEYSTONE_ADMIN_KEY: z
    .string()
    .refine((v) => {
      const parsed = parseApiKey(v);
      return parsed?.kind === 'secret' && parsed.checksumValid;
    }, 'must be a secret API key (sk_live_… or sk_test_…) with a valid checksum')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  KEYSTONE_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url('each origin must be a URL'))),
  // How stale (ms) the in-memory set of publishable keys' allowed origins (CORS preflights) may get.
  KEYSTONE_CORS_KEY_ORIGINS_REFRESH_MS: z.coerce.number().int().min(0).max(300_000).default(5000),
  KEYSTONE_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  KEYSTONE_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  // Rate limits (requests per minute; 0 turns a layer off). See platform/rate-limit/layers.ts.
  KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE: z.coerce.number().int().min(0).default(10),
  KEYSTONE_RATE_LIMIT_CREDENTIAL_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  KEYSTONE_RATE_LIMIT_PREFIX: z.string().min(1).default('keystone:ratelimit:'),
  KEYSTONE_DEMO_DATA: z.enum(['true', 'false']).default('true'),
  // The address clients reach this server at: the token issuer and the base of emailed links.
  KEYSTONE_PUBLIC_URL: z.url('must be a URL').optional(),
  KEYSTONE_INVITATION_URL: z.url('must be a URL').optional(),
  // Mail (platform/mail): SMTP when set, else the local development outbox.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  KEYSTONE_MAIL_FROM: z.string().min(3).default('Keystone <no-reply@keystone.localhost>'),
  // Identity (identity/): token lifetimes, signing, the email-verification rule.
  KEYSTONE_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  KEYSTONE_REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  KEYSTONE_REFRESH_TOKEN_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  KEYSTONE_REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(0),
  KEYSTONE_SIGNING_ALG: z.enum(['EdDSA', 'ES256']).default('EdDSA'),
  KEYSTONE_REQUIRE_EMAIL_VERIFICATION: z.enum(['true', 'false']).default('false'),
  KEYSTONE_COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  /** Where the application pool logs in (as keystone_app); DATABASE_URL's role runs migrations. */
  appDatabaseUrl: string | undefined;
  dataDir: string;
  masterKey: string | undefined;
  operatorKey: string | undefined;
  /** KEYSTONE_ADMIN_KEY: accepted as an instance API key with every scope. */
  adminKey: string | undefined;
  redisUrl: string | undefined;
  corsOrigins: string[];
  /** How often the publishable keys' allowed origins are re-read for CORS (this process re-reads at once on its own changes). */
  corsKeyOriginsRefreshMs: number;
  bodyLimit: number;
  maxEventLoopDelayMs: number;
  trustProxy: boolean;
  rateLimits: {
    ipPerMinute: number;
    identifierPerMinute: number;
    credentialPerMinute: number;
    /** Key prefix in Redis (REDIS_URL). */
    redisPrefix: string;
  };
  demoData: boolean;
  /** Base URL clients use (no trailing slash): the JWT issuer and emailed links. */
  publicUrl: string;
  /** The product's page that accepts invitations; mailed links add `?token=…`. */
  invitationUrl: string;
  mail: { smtpUrl: string | undefined; from: string };
  identity: {
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    refreshTokenIdleDays: number;
    /** A rotated refresh token presented again within this many seconds is a benign race, not reuse. */
    refreshReuseGraceSeconds: number;
    signingAlg: 'EdDSA' | 'ES256';
    requireEmailVerification: boolean;
    /** `Secure` on session cookies; off only for plain-http local development. */
    cookieSecure: boolean;
  };
  logLevel: string;
};

/** A wildcard bind address is not somewhere a client can go; name the loopback instead. */
function publicHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** Thrown for a bad environment; its message is the one line the operator sees. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const got = env[variable];
    const shown = variable.includes('KEY') || variable.includes('URL') ? '' : ` (got "${got}")`;
    throw new ConfigError(`invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}${shown}`);
  }
  const e = parsed.data;
  if (e.DATABASE_APP_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'invalid configuration: DATABASE_APP_URL needs DATABASE_URL (the role that runs migrations)',
    );
  }
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.DATABASE_APP_URL,
    // npm runs scripts inside the workspace; INIT_CWD is where the user typed the command.
    dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), e.KEYSTONE_DATA_DIR),
    masterKey: e.KEYSTONE_MASTER_KEY,
    operatorKey: e.KEYSTONE_OPERATOR_KEY,
    adminKey: e.KEYSTONE_ADMIN_KEY,
    redisUrl: e.REDIS_URL,
    corsOrigins: e.KEYSTONE_CORS_ORIGINS,
    corsKeyOriginsRefreshMs: e.KEYSTONE_CORS_KEY_ORIGINS_REFRESH_MS,
    bodyLimit: e.KEYSTONE_BODY_LIMIT,
    maxEventLoopDelayMs: e.KEYSTONE_MAX_EVENT_LOOP_DELAY_MS,
    trustProxy: e.KEYSTONE_TRUST_PROXY === 'true',
    rateLimits: {
      ipPerMinute: e.KEYSTONE_RATE_LIMIT_IP_PER_MINUTE,
      identifierPerMinute: e.KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE,
      credentialPerMinute: e.KEYSTONE_RATE_LIMIT_CREDENTIAL_PER_MINUTE,
      redisPrefix: e.KEYSTONE_RATE_LIMIT_PREFIX,
    },
    demoData: e.KEYSTONE_DEMO_DATA === 'true',
    publicUrl: (e.KEYSTONE_PUBLIC_URL ?? `http://${publicHost(e.HOST)}:${e.PORT}`).replace(/\/+$/, ''),
    invitationUrl:
      e.KEYSTONE_INVITATION_URL ??
      `${(e.KEYSTONE_PUBLIC_URL ?? `http://${publicHost(e.HOST)}:${e.PORT}`).replace(/\/+$/, '')}/invitations/accept`,
    mail: { smtpUrl: e.SMTP_URL, from: e.KEYSTONE_MAIL_FROM },
    identity: {
      accessTokenTtlSeconds: e.KEYSTONE_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: e.KEYSTONE_REFRESH_TOKEN_TTL_DAYS,
      refreshTokenIdleDays: e.KEYSTONE_REFRESH_TOKEN_IDLE_DAYS,
      refreshReuseGraceSeconds: e.KEYSTONE_REFRESH_REUSE_GRACE_SECONDS,
      signingAlg: e.KEYSTONE_SIGNING_ALG,
      requireEmailVerification: e.KEYSTONE_REQUIRE_EMAIL_VERIFICATION === 'true',
      cookieSecure: e.KEYSTONE_COOKIE_SECURE === 'true',
    },
    logLevel: e.LOG_LEVEL,
  };
}
