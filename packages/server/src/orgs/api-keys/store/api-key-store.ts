import { type Insertable, type Selectable, sql } from 'kysely';
import type { TenantScope } from '../../../platform/db/tenant-scope.ts';
import type { ApiKeysTable } from '../../store/tables.ts';

export type ApiKeyRow = Selectable<ApiKeysTable>;

/** Every column but the hash: what listing and presenting a key need. */
const PUBLIC_COLUMNS = [
  'id',
  'org_id',
  'kind',
  'environment',
  'name',
  'lookup',
  'display_prefix',
  'scopes',
  'allowed_origins',
  'rate_limit_per_minute',
  'flags_environment',
  'created_by',
  'created_at',
  'expires_at',
  'last_used_at',
  'revoked_at',
] as const;
export type ApiKeyRecord = Omit<ApiKeyRow, 'secret_hash'>;

export async function insertApiKey(
  scope: TenantScope,
  key: Omit<Insertable<ApiKeysTable>, 'org_id'>,
): Promise<ApiKeyRecord> {
  return scope.db
    .insertInto('api_keys')
    .values({ ...key, org_id: scope.orgId })
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** The tenant's keys that are not revoked, newest first (expired ones too: a console shows them as such). */
export async function listApiKeys(scope: TenantScope): Promise<ApiKeyRecord[]> {
  return scope.db
    .selectFrom('api_keys')
    .select(PUBLIC_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes one key of the tenant; returns it, or undefined when there is no such live key. */
export async function revokeApiKey(
  scope: TenantScope,
  keyId: string,
  now: Date,
): Promise<ApiKeyRecord | undefined> {
  return scope.db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('org_id', '=', scope.orgId)
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst();
}

/** Moves last_used_at forward (never back) for keys of the tenant; one statement for the batch. */
export async function recordLastUsed(scope: TenantScope, usedAt: Date, keyIds: string[]): Promise<void> {
  if (keyIds.length === 0) return;
  await scope.db
    .updateTable('api_keys')
    .set({ last_used_at: usedAt })
    .where('org_id', '=', scope.orgId)
    .where('id', 'in', keyIds)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', usedAt)]))
    .execute();
}

/**
 * Whether the tenant has ever had a secret key with the `admin` scope, revoked ones included:
 * the instance makes its first admin key once, never again after someone revoked it.
 */
export async function adminKeyEverIssued(scope: TenantScope): Promise<boolean> {
  const row = await scope.db
    .selectFrom('api_keys')
    .select('id')
    .where('org_id', '=', scope.orgId)
    .where('kind', '=', 'secret')
    .where(sql<boolean>`'admin' = ANY(scopes)`)
    .executeTakeFirst();
  return row !== undefined;
}

/** One live key of the tenant, locked until the transaction ends (rotation serializes on it). */
export async function lockLiveApiKey(scope: TenantScope, keyId: string): Promise<ApiKeyRecord | undefined> {
  return scope.db
    .selectFrom('api_keys')
    .select(PUBLIC_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export async function setApiKeyExpiry(scope: TenantScope, keyId: string, expiresAt: Date): Promise<void> {
  await scope.db
    .updateTable('api_keys')
    .set({ expires_at: expiresAt })
    .where('org_id', '=', scope.orgId)
    .where('id', '=', keyId)
    .execute();
}
