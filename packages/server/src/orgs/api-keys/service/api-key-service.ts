import { randomBytes } from 'node:crypto';
import { appendAuditEntry } from '../../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../../platform/audit/service/request-audit-context.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { hashSecret, verifySecret } from '../../../platform/crypto/secret-hash.ts';
import type { Database } from '../../../platform/db/database.ts';
import { INSTANCE_TENANT_ID } from '../../../platform/db/instance-tenant.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids.ts';
import {
  type ApiKeyEnvironment,
  type ApiKeyKind,
  displayPrefix,
  formatApiKey,
  parseApiKey,
} from '../engine/key-format.ts';
import { API_KEY_SCOPES, grantsScope, ORG_KEY_SCOPES, PUBLISHABLE_KEY_SCOPES } from '../engine/scopes.ts';
import { findApiKeyByLookup } from '../store/api-key-door.ts';
import {
  type ApiKeyRecord,
  insertApiKey,
  listApiKeys,
  lockLiveApiKey,
  revokeApiKey,
  setApiKeyExpiry,
} from '../store/api-key-store.ts';
import { createLastUsedBatcher } from './last-used-batcher.ts';
import { createPublishableOrigins } from './publishable-origins.ts';

export type NewApiKey = {
  name: string;
  kind: ApiKeyKind;
  environment: ApiKeyEnvironment;
  scopes: string[];
  expiresAt?: Date | undefined;
  rateLimitPerMinute?: number | undefined;
  allowedOrigins?: string[] | undefined;
  /** Instance keys with `flags:evaluate`: the flag environment they evaluate in (checked by the caller). */
  flagsEnvironment?: string | undefined;
};

/** A key just made: the plaintext is in this answer and nowhere else, ever. */
export type CreatedApiKey = { key: ApiKeyRecord; secret: string };

export type ApiKeyService = ReturnType<typeof createApiKeyService>;

/** What a verified key stands for: a secret key, or a publishable one. */
export type ApiKeyPrincipal = Extract<Principal, { kind: 'api_key' | 'publishable_key' }>;

/**
 * API keys of an organization, or of the instance (owner INSTANCE_TENANT_ID).
 * Each owner's keys live in its tenant; authentication reads one key through the
 * lookup door. Nothing is cached: every request reads its key's row (one indexed
 * read, no write), so a revocation holds on every server process at once.
 */
export function createApiKeyService(deps: {
  database: Database;
  now?: () => Date;
  /** How often last-used times are written (default 5 s). */
  lastUsedFlushMs?: number;
  /** How stale the publishable keys' origins (CORS preflights) may get (default 5 s). */
  originsRefreshMs?: number;
  onError?: (error: unknown) => void;
}) {
  const { database } = deps;
  const now = deps.now ?? (() => new Date());
  const lastUsed = createLastUsedBatcher(database, {
    intervalMs: deps.lastUsedFlushMs ?? 5000,
    onError: deps.onError ?? (() => {}),
  });
  const publishableOrigins = createPublishableOrigins({
    database,
    refreshMs: deps.originsRefreshMs ?? 5000,
    ...(deps.onError ? { onError: deps.onError } : {}),
  });

  async function create(owner: string, input: NewApiKey, audit: RequestAuditContext): Promise<CreatedApiKey> {
    checkNewKey(owner, input, now());
    const secret = formatApiKey(input.kind, input.environment, randomBytes(32));
    const parsed = parseApiKey(secret) as NonNullable<ReturnType<typeof parseApiKey>>;
    const key = await withTenant(database, owner, async (scope) => {
      const row = await insertApiKey(scope, {
        id: newId('key'),
        kind: input.kind,
        environment: input.environment,
        name: input.name,
        lookup: parsed.lookup,
        secret_hash: hashSecret(secret),
        display_prefix: displayPrefix(secret),
        scopes: [...new Set(input.scopes)],
        allowed_origins: input.allowedOrigins ?? [],
        rate_limit_per_minute: input.rateLimitPerMinute ?? null,
        flags_environment: input.flagsEnvironment ?? null,
        created_by: audit.actor.id,
        expires_at: input.expiresAt ?? null,
      });
      await appendAuditEntry(scope, {
        ...audit,
        action: 'api_key.created',
        target: { type: 'api_key', id: row.id },
        metadata: { kind: row.kind, environment: row.environment, scopes: row.scopes, name: row.name },
      });
      return row;
    });
    if (key.kind === 'publishable') publishableOrigins.invalidate();
    return { key, secret };
  }

  async function list(owner: string): Promise<ApiKeyRecord[]> {
    return withTenant(database, owner, (scope) => listApiKeys(scope));
  }

  async function revoke(owner: string, keyId: string, audit: RequestAuditContext): Promise<void> {
    await withTenant(database, owner, async (scope) => {
      const revoked = await revokeApiKey(scope, keyId, now());
      if (!revoked) throw new AppError('not_found', { detail: 'No such API key' });
      await appendAuditEntry(scope, {
        ...audit,
        action: 'api_key.revoked',
        target: { type: 'api_key', id: keyId },
      });
    });
    publishableOrigins.invalidate();
  }

  /**
   * Replaces a key with a new one of the same settings (shown once). The old key is
   * revoked now, or with `graceSeconds` keeps working that long so deployments can
   * switch over (its expiry is brought forward, never pushed back).
   */
  async function rotate(
    owner: string,
    keyId: string,
    options: { graceSeconds: number },
    audit: RequestAuditContext,
  ): Promise<CreatedApiKey> {
    const at = now();
    const rotated = await withTenant(database, owner, async (scope) => {
      const old = await lockLiveApiKey(scope, keyId);
      if (!old || (old.expires_at !== null && old.expires_at <= at))
        throw new AppError('not_found', { detail: 'No such API key (or it has expired)' });
      const secret = formatApiKey(old.kind, old.environment, randomBytes(32));
      const key = await insertApiKey(scope, {
        id: newId('key'),
        kind: old.kind,
        environment: old.environment,
        name: old.name,
        lookup: (parseApiKey(secret) as NonNullable<ReturnType<typeof parseApiKey>>).lookup,
        secret_hash: hashSecret(secret),
        display_prefix: displayPrefix(secret),
        scopes: old.scopes,
        allowed_origins: old.allowed_origins,
        rate_limit_per_minute: old.rate_limit_per_minute,
        flags_environment: old.flags_environment,
        created_by: audit.actor.id,
        expires_at: old.expires_at,
      });
      if (options.graceSeconds === 0) await revokeApiKey(scope, old.id, at);
      else {
        const graceEnd = new Date(at.getTime() + options.graceSeconds * 1000);
        if (old.expires_at === null || graceEnd < old.expires_at)
          await setApiKeyExpiry(scope, old.id, graceEnd);
      }
      await appendAuditEntry(scope, {
        ...audit,
        action: 'api_key.rotated',
        target: { type: 'api_key', id: old.id },
        metadata: { replaced_by: key.id, grace_seconds: options.graceSeconds },
      });
      return { key, secret };
    });
    publishableOrigins.invalidate();
    return rotated;
  }

  /**
   * The principal a presented key stands for, or undefined (not a key, checksum
   * wrong, unknown, revoked, expired). A mistyped key is refused without a read.
   */
  async function authenticate(presented: string): Promise<ApiKeyPrincipal | undefined> {
    const parsed = parseApiKey(presented);
    if (!parsed?.checksumValid) return undefined;
    const row = await findApiKeyByLookup(database, parsed.lookup);
    if (!row || !verifySecret(presented, row.secret_hash)) return undefined;
    const at = now();
    if (row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= at)) return undefined;
    lastUsed.note(row.id, row.org_id, at);
    const common = {
      id: row.id,
      credentialId: row.id,
      orgId: row.org_id,
      scopes: row.scopes,
      environment: row.environment,
      ...(row.rate_limit_per_minute !== null ? { rateLimitPerMinute: row.rate_limit_per_minute } : {}),
      ...(row.flags_environment !== null ? { flagsEnvironment: row.flags_environment } : {}),
    };
    return row.kind === 'secret'
      ? { kind: 'api_key', ...common }
      : { kind: 'publishable_key', ...common, allowedOrigins: row.allowed_origins };
  }

  return {
    create,
    list,
    revoke,
    rotate,
    authenticate,
    /** The live publishable keys' allowed origins, for the CORS layer's preflights. */
    publishableOrigins,
    /** Writes pending last-used times now (tests; close does it too). */
    flushLastUsed: () => lastUsed.flush(),
    close: () => lastUsed.close(),
  };
}

/** The rules a new key must meet that a schema cannot say: which scopes for which owner and kind. */
function checkNewKey(owner: string, input: NewApiKey, at: Date): void {
  const allowed: readonly string[] =
    input.kind === 'publishable'
      ? PUBLISHABLE_KEY_SCOPES
      : owner === INSTANCE_TENANT_ID
        ? API_KEY_SCOPES
        : ORG_KEY_SCOPES;
  const refused = input.scopes.filter((scope) => !allowed.includes(scope));
  if (refused.length > 0) {
    throw new AppError('validation_failed', {
      detail: `A ${input.kind} key ${owner === INSTANCE_TENANT_ID ? 'of the instance' : 'of an organization'} may hold only: ${allowed.join(', ')}`,
      fields: [{ field: 'scopes', location: 'body', message: `not allowed here: ${refused.join(', ')}` }],
    });
  }
  if (input.kind === 'secret' && (input.allowedOrigins?.length ?? 0) > 0) {
    throw new AppError('validation_failed', {
      detail: 'Allowed origins belong to publishable keys; a secret key never sits in a browser',
      fields: [{ field: 'allowed_origins', location: 'body', message: 'only for publishable keys' }],
    });
  }
  checkFlagsEnvironment(owner, input);
  if (input.expiresAt && input.expiresAt <= at) {
    throw new AppError('validation_failed', {
      fields: [{ field: 'expires_at', location: 'body', message: 'must be in the future' }],
    });
  }
}

/**
 * Flag evaluation takes an instance key bound to one environment: only instance keys that may evaluate
 * are bound, and a publishable key (whose only use is evaluating) must be.
 */
function checkFlagsEnvironment(owner: string, input: NewApiKey): void {
  const field = (message: string) =>
    new AppError('validation_failed', {
      fields: [{ field: 'flags_environment', location: 'body', message }],
    });
  if (input.flagsEnvironment === undefined) {
    if (
      owner === INSTANCE_TENANT_ID &&
      input.kind === 'publishable' &&
      input.scopes.includes('flags:evaluate')
    )
      throw field('a publishable key with flags:evaluate must name the flag environment it evaluates in');
    return;
  }
  if (owner !== INSTANCE_TENANT_ID) throw field('only instance keys evaluate flags');
  if (!grantsScope(input.scopes, 'flags:evaluate')) throw field('needs the flags:evaluate scope');
}
