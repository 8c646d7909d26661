import path from 'node:path';
import { z } from 'zod';

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
  KEYSTONE_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  KEYSTONE_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  // Rate limits (requests per minute; 0 turns a layer off). See platform/rate-limit/layers.ts.
  KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE: z.coerce.number().int().min(0).default(10),
  KEYSTONE_RATE_LIMIT_CREDENTIAL_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  KEYSTONE_RATE_LIMIT_PREFIX: z.string().min(1).default('keystone:ratelimit:'),
  KEYSTONE_DEMO_DATA: z.enum(['true', 'false']).default('true'),
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
  redisUrl: string | undefined;
  corsOrigins: string[];
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
  logLevel: string;
};

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
    redisUrl: e.REDIS_URL,
    corsOrigins: e.KEYSTONE_CORS_ORIGINS,
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
    logLevel: e.LOG_LEVEL,
  };
}
