/**
 * One audit log entry, exactly as stored, hashed and exported. The field names
 * are the wire names: an NDJSON export line is this object, so anyone holding
 * an export can recompute every hash without Keystone.
 */
export const ACTOR_TYPES = ['user', 'api_key', 'system', 'operator'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export type JsonObject = { [key: string]: unknown };

export type AuditEntry = {
  org_id: string;
  /** Position in the organization's chain: 1, 2, 3, ... with no gaps. */
  seq: number;
  id: string;
  actor_type: ActorType;
  actor_id: string | null;
  /** `<noun>.<verb>`, e.g. `member.invited`. */
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  trace_id: string | null;
  /** ISO 8601 in UTC with milliseconds (`Date#toISOString`), so it hashes the same everywhere. */
  occurred_at: string;
  metadata: JsonObject;
  /** The previous entry's hash; GENESIS_HASH for seq 1. */
  prev_hash: string;
  /** SHA-256 (hex) of the canonical encoding of every other field. */
  hash: string;
};

/** The per-organization chain head: the last entry's seq and hash, updated in the same transaction. */
export type ChainHead = { seq: number; hash: string };
