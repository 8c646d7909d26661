import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEntry } from './audit-entry.ts';

/** The `prev_hash` of every chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The bytes an entry's hash covers: every field but `hash` itself (so including
 * `prev_hash`, which links the chain), encoded with RFC 8785 JSON
 * canonicalization: sorted keys, fixed number and string forms, no whitespace.
 */
export function canonicalEncoding(entry: Omit<AuditEntry, 'hash'> | AuditEntry): string {
  const { hash: _hash, ...fields } = entry as AuditEntry;
  const encoded = canonicalize(fields);
  if (encoded === undefined) throw new Error('audit entry cannot be canonicalized');
  return encoded;
}

export function entryHash(entry: Omit<AuditEntry, 'hash'> | AuditEntry): string {
  return createHash('sha256').update(canonicalEncoding(entry), 'utf8').digest('hex');
}

/** Completes an entry with its hash. */
export function sealEntry(entry: Omit<AuditEntry, 'hash'>): AuditEntry {
  return { ...entry, hash: entryHash(entry) };
}
