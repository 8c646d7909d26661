import type { z } from 'zod';
import type { NewApiKey } from '../service/api-key-service.ts';
import type { ApiKeyRecord } from '../store/api-key-store.ts';
import type { apiKeySchema, createKeyBody } from './schemas.ts';

export function presentApiKey(key: ApiKeyRecord): z.infer<typeof apiKeySchema> {
  return {
    id: key.id,
    org_id: key.org_id,
    kind: key.kind,
    environment: key.environment,
    name: key.name,
    display_prefix: key.display_prefix,
    scopes: key.scopes,
    allowed_origins: key.allowed_origins,
    rate_limit_per_minute: key.rate_limit_per_minute,
    flags_environment: key.flags_environment,
    created_by: key.created_by,
    created_at: key.created_at.toISOString(),
    expires_at: key.expires_at?.toISOString() ?? null,
    last_used_at: key.last_used_at?.toISOString() ?? null,
  };
}

export function newKeyFromBody(body: z.infer<typeof createKeyBody>): NewApiKey {
  return {
    name: body.name,
    kind: body.kind,
    environment: body.environment,
    scopes: body.scopes,
    expiresAt: body.expires_at ? new Date(body.expires_at) : undefined,
    rateLimitPerMinute: body.rate_limit_per_minute,
    allowedOrigins: body.allowed_origins,
    flagsEnvironment: body.flags_environment,
  };
}
