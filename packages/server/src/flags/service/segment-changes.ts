/**
 * Every change to a segment, as flag-changes.ts does for flags: one transaction under the instance's
 * flag-change lock, a version row, an audit entry, the raised flag-set version and its announcement.
 */
import type { SegmentDefinition } from '@keystone/flags';
import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { lockFlagSetVersion, raiseFlagSetVersion } from '../store/flag-set-version.ts';
import {
  findSegment,
  insertSegmentVersion,
  type SegmentRecord,
  saveSegment,
} from '../store/segment-records.ts';
import type { FlagChangeFeed } from './change-feed.ts';
import { describeChange, sameJson } from './change-summary.ts';

export type PlannedSegment = {
  definition: SegmentDefinition;
  deleted: boolean;
  action: 'flag_segment.created' | 'flag_segment.updated' | 'flag_segment.deleted';
};

export type SegmentChangeOutcome = { segment: SegmentRecord; changed: boolean; flagSetVersion: number };

export async function changeSegment(
  deps: { database: Database; feed: FlagChangeFeed },
  key: string,
  audit: RequestAuditContext,
  plan: (scope: TenantScope, stored: SegmentRecord | undefined) => Promise<PlannedSegment>,
): Promise<SegmentChangeOutcome> {
  const outcome = await withInstanceTenant(deps.database, async (scope): Promise<SegmentChangeOutcome> => {
    const current = await lockFlagSetVersion(scope);
    const stored = await findSegment(scope, key);
    const next = await plan(scope, stored);
    const wasDeleted = stored?.deletedAt != null;
    if (stored && wasDeleted === next.deleted && sameJson(stored.definition, next.definition)) {
      return { segment: stored, changed: false, flagSetVersion: current };
    }
    const flagSetVersion = await raiseFlagSetVersion(scope);
    const version = (stored?.version ?? 0) + 1;
    const described = next.deleted
      ? { changes: ['deleted'], summary: 'deleted' }
      : describeChange(
          wasDeleted ? undefined : (stored?.definition as Record<string, unknown> | undefined),
          next.definition as unknown as Record<string, unknown>,
        );
    const now = new Date();
    await saveSegment(scope, { key, version, definition: next.definition, deleted: next.deleted }, now);
    await insertSegmentVersion(scope, key, {
      version,
      definition: next.definition,
      deleted: next.deleted,
      summary: described.summary,
      changes: described.changes,
      actor: audit.actor,
      flagSetVersion,
    });
    await appendAuditEntry(scope, {
      ...audit,
      action: next.action,
      target: { type: 'flag_segment', id: key },
      metadata: {
        version,
        flag_set_version: flagSetVersion,
        summary: described.summary,
        changes: described.changes.slice(0, 50),
      },
    });
    await deps.feed.announceInTransaction(scope, flagSetVersion);
    const segment: SegmentRecord = {
      key,
      version,
      definition: next.definition,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
      deletedAt: next.deleted ? now : null,
    };
    return { segment, changed: true, flagSetVersion };
  });
  if (outcome.changed) deps.feed.committed(outcome.flagSetVersion);
  return outcome;
}
