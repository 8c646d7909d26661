/**
 * Every change to a flag goes through here, in one instance-tenant transaction: take the instance's
 * flag-change lock, read the flag, work out its next definition (the caller's `plan`, which may
 * validate or refuse), and when anything differs write the flag's row, a new version row, an audit
 * entry and the raised flag-set version, and announce that version on the change feed (a NOTIFY that
 * leaves with the commit on PostgreSQL). Nothing is written when the plan throws.
 */
import type { FlagDefinition } from '@keystone/flags';
import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { type FlagRecord, findFlag, insertFlagVersion, saveFlag } from '../store/flag-records.ts';
import { lockFlagSetVersion, raiseFlagSetVersion } from '../store/flag-set-version.ts';
import type { FlagChangeFeed } from './change-feed.ts';
import { type ChangeDescription, describeChange, sameJson } from './change-summary.ts';

/** What a change makes of the flag; `summary` leads the computed one (e.g. "killed in production"). */
export type PlannedFlag = {
  definition: FlagDefinition;
  archived: boolean;
  action: 'flag.created' | 'flag.updated' | 'flag.archived' | 'flag.rolled_back' | 'flag.killed';
  summary?: string;
  metadata?: Record<string, string | number | boolean>;
};

export type FlagChangeOutcome = {
  flag: FlagRecord;
  /** False when the plan matched what is stored: no version, no audit entry. */
  changed: boolean;
  flagSetVersion: number;
};

export async function changeFlag(
  deps: { database: Database; feed: FlagChangeFeed },
  key: string,
  audit: RequestAuditContext,
  plan: (scope: TenantScope, stored: FlagRecord | undefined) => Promise<PlannedFlag>,
): Promise<FlagChangeOutcome> {
  const outcome = await withInstanceTenant(deps.database, async (scope): Promise<FlagChangeOutcome> => {
    const current = await lockFlagSetVersion(scope);
    const stored = await findFlag(scope, key);
    const next = await plan(scope, stored);
    const wasArchived = stored?.archivedAt != null;
    if (stored && wasArchived === next.archived && sameJson(stored.definition, next.definition)) {
      return { flag: stored, changed: false, flagSetVersion: current };
    }
    const flagSetVersion = await raiseFlagSetVersion(scope);
    const version = (stored?.version ?? 0) + 1;
    const described = describeFlagChange(stored, next);
    const summary = next.summary ? `${next.summary}; ${described.summary}` : described.summary;
    const now = new Date();
    await saveFlag(scope, { key, version, definition: next.definition, archived: next.archived }, now);
    await insertFlagVersion(scope, key, {
      version,
      definition: next.definition,
      archived: next.archived,
      summary,
      changes: described.changes,
      actor: audit.actor,
      flagSetVersion,
    });
    await appendAuditEntry(scope, {
      ...audit,
      action: next.action,
      target: { type: 'flag', id: key },
      metadata: {
        version,
        flag_set_version: flagSetVersion,
        summary,
        changes: described.changes.slice(0, 50),
        ...next.metadata,
      },
    });
    await deps.feed.announceInTransaction(scope, flagSetVersion);
    const flag: FlagRecord = {
      key,
      version,
      definition: next.definition,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
      archivedAt: next.archived ? now : null,
    };
    return { flag, changed: true, flagSetVersion };
  });
  if (outcome.changed) deps.feed.committed(outcome.flagSetVersion);
  return outcome;
}

function describeFlagChange(stored: FlagRecord | undefined, next: PlannedFlag): ChangeDescription {
  if (next.archived) return { changes: ['archived'], summary: 'archived' };
  const described = describeChange(
    stored?.definition as unknown as Record<string, unknown> | undefined,
    next.definition as unknown as Record<string, unknown>,
  );
  if (stored?.archivedAt == null) return described;
  return { changes: ['restored', ...described.changes], summary: `restored; ${described.summary}` };
}
