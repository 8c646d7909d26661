/**
 * The tamper-evident audit log: per-organization, append-only, hash-chained.
 * Record with `appendAuditEntry(scope, { ...auditContextOf(request), action, target })`
 * inside the transaction of the change being recorded.
 */
export { ACTOR_TYPES, type ActorType, type AuditEntry, type ChainHead } from './engine/audit-entry.ts';
export { GENESIS_HASH } from './engine/audit-hash.ts';
export {
  ACTION_FILTER,
  type AuditCursor,
  type AuditFilter,
  type AuditOrder,
} from './engine/audit-query.ts';
export { type ChainBreak, type ChainVerdict, verifyChain } from './engine/chain-verifier.ts';
export { type AuditEntryInput, appendAuditEntry } from './service/append-entry.ts';
export { iterateAuditEntries, listAuditEntries } from './service/read-entries.ts';
export { auditContextOf } from './service/request-audit-context.ts';
export { type AuditSearch, exportAuditEntries, searchAuditEntries } from './service/search-entries.ts';
export { type OrgChainVerdict, verifyAllAuditChains, verifyOrgAuditChain } from './service/verify-chain.ts';
