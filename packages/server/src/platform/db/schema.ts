import type { Generated } from 'kysely';
import type { AccessTables } from '../../access/store/tables.ts';
import type { IdentityTables } from '../../identity/store/tables.ts';
import type { OrgsTables } from '../../orgs/store/tables.ts';
import type { AuditTables } from '../audit/store/tables.ts';
import type { MailTables } from '../mail/tables.ts';

/**
 * The Kysely view of every table. Each module declares its tables in its own
 * `store/tables.ts` and adds them here, so a query is typed end to end.
 */
export type KeystoneMigrationsTable = {
  version: number;
  name: string;
  checksum: string;
  applied_at: Date;
};

export type OperatorKeysTable = {
  id: string;
  name: string;
  lookup: string;
  secret_hash: string;
  created_at: Generated<Date>;
  revoked_at: Date | null;
};

/** Envelope encryption: per-org data keys, stored wrapped by the KEK (platform/crypto). */
export type OrgDataKeysTable = {
  org_id: string;
  key_id: string;
  kek_id: string;
  wrapped_key: string;
  created_at: Generated<Date>;
  retired_at: Date | null;
};

export type IdempotencyKeysTable = {
  scope: string;
  key: string;
  fingerprint: string;
  lock_token: string;
  state: 'in_progress' | 'completed';
  created_at: Generated<Date>;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: Uint8Array | null;
};

export type PlatformTables = {
  keystone_migrations: KeystoneMigrationsTable;
  operator_keys: OperatorKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  org_data_keys: OrgDataKeysTable;
};

export type DB = PlatformTables & AuditTables & MailTables & IdentityTables & OrgsTables & AccessTables;
