/**
 * A check's first read: whether the store is live and which model to use (as resolveModelId), in a
 * constant statement that also switches the check's transaction to generic plans. The closure
 * statement is complex enough that PostgreSQL would otherwise plan it afresh on every execution
 * (custom plans: about 1 ms of planning under load, more than its execution), while its generic plan
 * is the same primary-key probes. Transaction-local (set_config(..., true)): nothing else is affected.
 */
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { runStatement } from './tuple-statements.ts';

const GENERIC_PLANS = `set_config('plan_cache_mode', 'force_generic_plan', true) AS plan_cache_mode`;

const LATEST_MODEL = `SELECT ${GENERIC_PLANS},
  (SELECT m.id FROM fga_models m WHERE m.org_id = s.org_id AND m.store_id = s.id
   ORDER BY m.id DESC LIMIT 1) AS model_id
FROM fga_stores s
WHERE s.org_id = $1 AND s.id = $2 AND s.deleted_at IS NULL`;

const NAMED_MODEL = `SELECT ${GENERIC_PLANS},
  (SELECT m.id FROM fga_models m WHERE m.org_id = s.org_id AND m.store_id = s.id AND m.id = $3) AS model_id
FROM fga_stores s
WHERE s.org_id = $1 AND s.id = $2 AND s.deleted_at IS NULL`;

/** undefined = no such live store; modelId null = no such model (or no model yet). */
export async function checkModelId(
  scope: TenantScope,
  storeId: string,
  modelId?: string,
): Promise<{ modelId: string | null } | undefined> {
  const rows = await runStatement<{ model_id: string | null }>(
    scope,
    modelId === undefined ? LATEST_MODEL : NAMED_MODEL,
    modelId === undefined ? [scope.orgId, storeId] : [scope.orgId, storeId, modelId],
  );
  const row = rows[0];
  return row ? { modelId: row.model_id } : undefined;
}
