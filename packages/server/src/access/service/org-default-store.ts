/**
 * Store creation inside a caller's tenant transaction. Each organization owns its stores, and one is
 * created with it: the organizations module calls `createDefaultStore` with the scope of the
 * transaction that inserts the organization, so both commit or neither does (PGlite has one
 * connection, so this never opens a transaction of its own).
 */
import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { insertStore, type StoreRecord } from '../store/store-records.ts';

/** The name of the store every organization starts with. */
export const DEFAULT_STORE_NAME = 'default';

/** Creates a store in the scope's organization and audits it (`access_store.created`), in the caller's transaction. */
export async function createStoreInScope(
  scope: TenantScope,
  name: string,
  audit: RequestAuditContext,
): Promise<StoreRecord> {
  const store = await insertStore(scope, name);
  await appendAuditEntry(scope, {
    ...audit,
    action: 'access_store.created',
    target: { type: 'access_store', id: store.id },
    metadata: { name },
  });
  return store;
}

/** The store an organization is created with, in the organization's own creating transaction. */
export function createDefaultStore(scope: TenantScope, audit: RequestAuditContext): Promise<StoreRecord> {
  return createStoreInScope(scope, DEFAULT_STORE_NAME, audit);
}
