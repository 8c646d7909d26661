import { z } from 'zod';
import { API_KEY_SCOPES } from '../engine/scopes.ts';

/** Wire schemas of the API key routes. A key on the wire never carries its secret, except once at creation. */
export const noQuery = z.strictObject({});

export const keyParams = z.strictObject({ keyId: z.string().min(1).max(64) });

export const orgKeyParams = z.strictObject({
  orgId: z.string().min(1).max(64),
});

export const orgKeyItemParams = z.strictObject({
  orgId: z.string().min(1).max(64),
  keyId: z.string().min(1).max(64),
});

const origin = z
  .string()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.origin === value && (url.protocol === 'https:' || url.protocol === 'http:');
    } catch {
      return false;
    }
  }, 'must be an origin: scheme://host[:port], no path or trailing slash');

export const createKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(['secret', 'publishable']).default('secret').describe('`sk_` (backends) or `pk_` (browsers)'),
  environment: z.enum(['live', 'test']).default('live'),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .max(API_KEY_SCOPES.length)
    .default([])
    .describe('`admin` only for instance keys; publishable keys may hold only `flags:evaluate`'),
  expires_at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('When the key stops working; never if absent'),
  rate_limit_per_minute: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe('This key’s own limit, instead of the per-credential default'),
  allowed_origins: z
    .array(origin)
    .max(50)
    .optional()
    .describe('Publishable keys: the browser origins that may use the key'),
  flags_environment: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'Instance keys with `flags:evaluate`: the flag environment they evaluate in (required for publishable keys)',
    ),
});

export const rotateKeyBody = z
  .strictObject({
    expire_old_in_seconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional()
      .describe('Keep the old key working this long (at most 7 days); 0 (the default) revokes it now'),
  })
  .nullish();

export const apiKeySchema = z.strictObject({
  id: z.string(),
  org_id: z.string().describe('The organization, or `instance` for an instance key'),
  kind: z.enum(['secret', 'publishable']),
  environment: z.enum(['live', 'test']),
  name: z.string(),
  display_prefix: z.string().describe('The first characters of the key, to tell keys apart'),
  scopes: z.array(z.string()),
  allowed_origins: z.array(z.string()),
  rate_limit_per_minute: z.number().int().nullable(),
  flags_environment: z.string().nullable().describe('The flag environment the key evaluates flags in'),
  created_by: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable().describe('Precise to a few seconds (uses are recorded in batches)'),
});

export const createdKeySchema = apiKeySchema.extend({
  secret: z.string().describe('The key itself. Shown this once: Keystone keeps only its hash'),
});

export const keyList = z.strictObject({ data: z.array(apiKeySchema) });

export const noContent = { 204: z.null().describe('No content') };
