import type { Database } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import type { ChainHead } from '../engine/audit-entry.ts';
import { type ChainVerdict, createChainVerifier } from '../engine/chain-verifier.ts';
import { listAuditedOrgIdsAsOwner, readChainHead } from '../store/audit-store.ts';
import { iterateAuditEntries } from './read-entries.ts';

export type OrgChainVerdict = ChainVerdict & { org_id: string; head: ChainHead | null };

/**
 * Verifies an organization's whole chain while appends may continue. Entries are
 * read page by page; the head is read after them, and if appends moved it past
 * what was read, the new entries are read too. An append writes its entry and
 * the head in one transaction, so any entry seen before the head was read is
 * covered by it: entries past the head did not come through `appendAuditEntry`.
 */
export async function verifyOrgAuditChain(
  database: Pick<Database, 'kysely'>,
  orgId: string,
): Promise<OrgChainVerdict> {
  const startHead = await withTenant(database, orgId, readChainHead);
  const verifier = createChainVerifier(orgId, { rememberFromSeq: startHead?.seq ?? 1 });
  let lastSeq = 0;
  let head = startHead;
  for (;;) {
    let readAny = false;
    for await (const entry of iterateAuditEntries(database, orgId, { afterSeq: lastSeq })) {
      if (verifier.push(entry)) return { org_id: orgId, head, ...verifier.finish(head) };
      lastSeq = entry.seq;
      readAny = true;
    }
    head = await withTenant(database, orgId, readChainHead);
    // A head past the last entry read: appends landed meanwhile (read on), or the tail is gone.
    if (!head || head.seq <= lastSeq || !readAny) break;
  }
  return { org_id: orgId, head, ...verifier.finish(head) };
}

/** Cross-tenant, for operator tools: verifies every organization that has an audit chain. */
export async function verifyAllAuditChains(
  database: Pick<Database, 'kysely' | 'ownerRunner'>,
): Promise<OrgChainVerdict[]> {
  const owner = await database.ownerRunner();
  let orgIds: string[];
  try {
    orgIds = await listAuditedOrgIdsAsOwner(owner);
  } finally {
    await owner.close();
  }
  const verdicts: OrgChainVerdict[] = [];
  for (const orgId of orgIds) verdicts.push(await verifyOrgAuditChain(database, orgId));
  return verdicts;
}
