import type { ColumnType } from 'kysely';
import type { ActorType, JsonObject } from '../engine/audit-entry.ts';

/** bigint columns come back as a string (pg) or a bigint/number (PGlite); the store converts them. */
type Int8 = ColumnType<string | number | bigint, number, number>;

export type AuditLogTable = {
  org_id: string;
  seq: Int8;
  id: string;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  trace_id: string | null;
  occurred_at: ColumnType<Date, string, never>;
  /** Written as JSON text (cast to jsonb), read back parsed. */
  metadata: ColumnType<JsonObject, string, never>;
  prev_hash: string;
  hash: string;
};

export type AuditChainHeadsTable = {
  org_id: string;
  seq: Int8;
  hash: string;
};

export type AuditTables = {
  audit_log: AuditLogTable;
  audit_chain_heads: AuditChainHeadsTable;
};
