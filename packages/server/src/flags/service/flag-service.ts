/**
 * The flags module's service: the instance's environments, flags, segments and their versions for
 * management, and for the evaluation side the flag set per environment (cached by flag-set version),
 * the change feed, and where evaluations are recorded. Everything lives in the instance tenant.
 */
import type { FlagDefinition, FlagSet, SegmentDefinition } from '@keystone/flags';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { listEnvironments } from '../store/environment-records.ts';
import { listEvaluations, upsertEvaluations } from '../store/evaluation-records.ts';
import { allLiveFlags, findFlag, listFlags, listFlagVersions } from '../store/flag-records.ts';
import { readFlagSetVersion } from '../store/flag-set-version.ts';
import { findSegment, listSegments, listSegmentVersions } from '../store/segment-records.ts';
import type { FlagChangeFeed } from './change-feed.ts';
import { createEnvironment, deleteEnvironment } from './environment-operations.ts';
import { archiveFlag, flagNotFound, killFlag, putFlag, rollbackFlag } from './flag-operations.ts';
import { FlagSetCache } from './flag-set-cache.ts';
import { deleteSegment, putSegment, segmentNotFound } from './segment-operations.ts';
import { findStaleFlags, type StaleFlag } from './stale-flags.ts';

export type FlagService = ReturnType<typeof createFlagService>;

export function createFlagService(deps: { database: Database; feed: FlagChangeFeed }) {
  const { database, feed } = deps;
  const cache = new FlagSetCache(database, feed);
  const inInstance = <T>(work: Parameters<typeof withInstanceTenant<T>>[1]) =>
    withInstanceTenant(database, work);

  return {
    feed,

    listEnvironments: () => inInstance(listEnvironments),
    createEnvironment: (key: string, name: string, audit: RequestAuditContext) =>
      createEnvironment(deps, key, name, audit),
    deleteEnvironment: (key: string, audit: RequestAuditContext) => deleteEnvironment(deps, key, audit),

    putFlag: (key: string, body: FlagDefinition, audit: RequestAuditContext) =>
      putFlag(deps, key, body, audit),
    archiveFlag: (key: string, audit: RequestAuditContext) => archiveFlag(deps, key, audit),
    rollbackFlag: (key: string, version: number, audit: RequestAuditContext) =>
      rollbackFlag(deps, key, version, audit),
    killFlag: (key: string, environment: string, audit: RequestAuditContext) =>
      killFlag(deps, key, environment, audit),

    /** A flag, archived or not. */
    async getFlag(key: string) {
      const flag = await inInstance((scope) => findFlag(scope, key));
      if (!flag) throw flagNotFound(key);
      return flag;
    },
    /** Live flags in key order, `limit` after `afterKey`. */
    listFlags: (limit: number, afterKey?: string) => inInstance((scope) => listFlags(scope, limit, afterKey)),
    /** Newest first; `beforeVersion` pages. */
    async listFlagVersions(key: string, limit: number, beforeVersion?: number) {
      return inInstance(async (scope) => {
        if (!(await findFlag(scope, key))) throw flagNotFound(key);
        return listFlagVersions(scope, key, limit, beforeVersion);
      });
    },

    putSegment: (key: string, body: SegmentDefinition, audit: RequestAuditContext) =>
      putSegment(deps, key, body, audit),
    deleteSegment: (key: string, audit: RequestAuditContext) => deleteSegment(deps, key, audit),
    async getSegment(key: string) {
      const segment = await inInstance((scope) => findSegment(scope, key));
      if (!segment || segment.deletedAt !== null) throw segmentNotFound(key);
      return segment;
    },
    listSegments: (limit: number, afterKey?: string) =>
      inInstance((scope) => listSegments(scope, limit, afterKey)),
    async listSegmentVersions(key: string, limit: number) {
      return inInstance(async (scope) => {
        if (!(await findSegment(scope, key))) throw segmentNotFound(key);
        return listSegmentVersions(scope, key, limit);
      });
    },

    /**
     * For the evaluation side: the flags in `keys` were evaluated in `environment` at `at` (one batched
     * upsert; times only move forward). Call it with batches, not per evaluation.
     */
    recordEvaluations: (environment: string, keys: readonly string[], at: Date = new Date()) =>
      inInstance((scope) => upsertEvaluations(scope, environment, keys, at)),

    /** Flags not evaluated in `days` days, or fully rolled out, per environment they configure. */
    async staleFlags(days: number, now: Date = new Date()): Promise<StaleFlag[]> {
      const { flags, evaluations } = await inInstance(async (scope) => ({
        flags: await allLiveFlags(scope),
        evaluations: await listEvaluations(scope),
      }));
      const lastEvaluated = new Map(
        evaluations.map((row) => [`${row.flagKey}\u0000${row.environment}`, row.lastEvaluatedAt]),
      );
      return findStaleFlags({ flags, lastEvaluated, days, now });
    },

    /** For the evaluation side: the environment's flag set at the newest version (memory, by version). */
    flagSet: (environment: string): Promise<FlagSet> => cache.flagSet(environment),
    /** The flag-set version as stored (the cache's, `flagSet(...).version`, never lags behind a commit here). */
    flagSetVersion: () => inInstance(readFlagSetVersion),
    /** How many times the flag set was read from the database (tests). */
    flagSetLoads: () => cache.loads,

    close: () => feed.close(),
  };
}
