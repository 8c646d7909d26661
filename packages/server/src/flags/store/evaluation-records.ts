/** When each flag was last evaluated per environment (flag_evaluations). */
import { sql } from 'kysely';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { flagDb } from './flag-scope.ts';

/**
 * One statement for the whole batch: an upsert that only ever moves a time forward, so batches that
 * arrive out of order (two processes) never move it back.
 */
export async function upsertEvaluations(
  scope: TenantScope,
  environment: string,
  keys: readonly string[],
  at: Date,
): Promise<void> {
  if (keys.length === 0) return;
  const unique = [...new Set(keys)];
  await flagDb(scope)
    .insertInto('flag_evaluations')
    .values(
      unique.map((key) => ({
        org_id: scope.orgId,
        flag_key: key,
        environment,
        last_evaluated_at: at,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['org_id', 'flag_key', 'environment']).doUpdateSet({
        last_evaluated_at: sql`greatest(flag_evaluations.last_evaluated_at, excluded.last_evaluated_at)`,
      }),
    )
    .execute();
}

export type EvaluationRow = { flagKey: string; environment: string; lastEvaluatedAt: Date };

export async function listEvaluations(scope: TenantScope): Promise<EvaluationRow[]> {
  const rows = await flagDb(scope)
    .selectFrom('flag_evaluations')
    .select(['flag_key', 'environment', 'last_evaluated_at'])
    .where('org_id', '=', scope.orgId)
    .execute();
  return rows.map((row) => ({
    flagKey: row.flag_key,
    environment: row.environment,
    lastEvaluatedAt: row.last_evaluated_at,
  }));
}
