import { type OrgChainVerdict, verifyAllAuditChains, verifyOrgAuditChain } from '../platform/audit/index.ts';
import type { CliCommand } from './command.ts';
import { openCliDatabase } from './open-database.ts';

const USAGE = 'usage: keystone audit verify <orgId> | --all';

/**
 * `keystone audit verify <orgId> | --all`: recomputes audit hash chains and names
 * the first broken link of each. Exit 0 when every chain holds, 1 when one is
 * broken, 2 on a usage error. `--all` is cross-tenant: it lists organizations as
 * the owner, then verifies each inside its own tenant context.
 */
export const auditVerifyCommand: CliCommand = {
  name: ['audit', 'verify'],
  summary: 'verify audit log hash chains (<orgId> | --all)',
  async run(args, { config, out }) {
    const target = args.length === 1 ? args[0] : undefined;
    if (!target || (target.startsWith('-') && target !== '--all')) {
      out(USAGE);
      return 2;
    }
    const database = await openCliDatabase(config);
    let verdicts: OrgChainVerdict[];
    try {
      verdicts =
        target === '--all'
          ? await verifyAllAuditChains(database)
          : [await verifyOrgAuditChain(database, target)];
    } finally {
      await database.close();
    }
    for (const verdict of verdicts) out(describe(verdict));
    const broken = verdicts.filter((v) => !v.ok).length;
    out(`${verdicts.length} chain(s) verified, ${broken} broken`);
    return broken === 0 ? 0 : 1;
  },
};

function describe(verdict: OrgChainVerdict): string {
  const brk = verdict.first_break;
  if (!brk) {
    const head = verdict.head ? `, head ${verdict.head.hash.slice(0, 16)}…` : '';
    return `${verdict.org_id}: ok (${verdict.entries_verified} entries${head})`;
  }
  const entry = brk.entry_id ? ` (entry ${brk.entry_id})` : '';
  return `${verdict.org_id}: BROKEN at seq ${brk.seq}${entry}: ${brk.reason}: ${brk.detail}`;
}
