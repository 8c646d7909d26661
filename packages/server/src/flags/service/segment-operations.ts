/** Segment management: create or replace, delete (refused while a flag uses the segment). */
import type { SegmentDefinition } from '@keystone/flags';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { allLiveFlags } from '../store/flag-records.ts';
import type { FlagChangeFeed } from './change-feed.ts';
import { assertValidSegment, keyMismatch } from './flag-validation.ts';
import { changeSegment, type SegmentChangeOutcome } from './segment-changes.ts';

type Deps = { database: Database; feed: FlagChangeFeed };

export function putSegment(
  deps: Deps,
  key: string,
  body: SegmentDefinition,
  audit: RequestAuditContext,
): Promise<SegmentChangeOutcome & { created: boolean }> {
  let created = false;
  return changeSegment(deps, key, audit, async (_scope, stored) => {
    if (body.key !== undefined && body.key !== key) throw keyMismatch('segment_invalid', key, body.key);
    const definition = { ...body, key };
    assertValidSegment(definition, key);
    created = stored === undefined || stored.deletedAt !== null;
    return { definition, deleted: false, action: created ? 'flag_segment.created' : 'flag_segment.updated' };
  }).then((outcome) => ({ ...outcome, created }));
}

export function deleteSegment(
  deps: Deps,
  key: string,
  audit: RequestAuditContext,
): Promise<SegmentChangeOutcome> {
  return changeSegment(deps, key, audit, async (scope, stored) => {
    if (!stored || stored.deletedAt !== null) throw segmentNotFound(key);
    const users = (await allLiveFlags(scope))
      .filter((flag) => usesSegment(flag.definition.environments, key))
      .map((flag) => flag.key);
    if (users.length > 0) {
      throw new AppError('segment_in_use', {
        detail: `flags ${users.map((u) => `'${u}'`).join(', ')} use segment '${key}'`,
        extensions: { flags: users },
      });
    }
    return { definition: stored.definition, deleted: true, action: 'flag_segment.deleted' };
  });
}

export function segmentNotFound(key: string): AppError {
  return new AppError('segment_not_found', { detail: `no segment '${key}'` });
}

function usesSegment(
  environments: Readonly<
    Record<
      string,
      { rules?: readonly { clauses: readonly { operator: string; values: readonly unknown[] }[] }[] }
    >
  >,
  key: string,
): boolean {
  return Object.values(environments).some((config) =>
    config.rules?.some((rule) =>
      rule.clauses.some((clause) => clause.operator === 'segment_match' && clause.values.includes(key)),
    ),
  );
}
