/**
 * Which flags are candidates for clean-up, per environment the flag is configured in: never evaluated
 * in the last N days (and older than that), or fully rolled out (on, no prerequisites, targets or rules,
 * and the fallthrough serves one variant to everyone). Pure: the service hands it the rows.
 */
import type { EnvironmentConfig, FlagDefinition } from '@keystone/flags';
import { ROLLOUT_TOTAL_WEIGHT } from '@keystone/flags';

export type StaleReason = 'not_evaluated' | 'fully_rolled_out';

export type StaleFlag = {
  key: string;
  environment: string;
  reason: StaleReason;
  /** not_evaluated: when it last was (null: never). */
  lastEvaluatedAt: Date | null;
  /** fully_rolled_out: the variant everyone gets. */
  variant: string | null;
};

export function findStaleFlags(input: {
  flags: readonly { definition: FlagDefinition; createdAt: Date }[];
  /** `${flagKey}\u0000${environment}` → last evaluation. */
  lastEvaluated: ReadonlyMap<string, Date>;
  days: number;
  now: Date;
}): StaleFlag[] {
  const cutoff = input.now.getTime() - input.days * 86_400_000;
  const stale: StaleFlag[] = [];
  for (const { definition, createdAt } of input.flags) {
    for (const [environment, config] of Object.entries(definition.environments).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )) {
      const last = input.lastEvaluated.get(`${definition.key}\u0000${environment}`) ?? null;
      const quiet = last ? last.getTime() < cutoff : createdAt.getTime() < cutoff;
      if (quiet) {
        stale.push({
          key: definition.key,
          environment,
          reason: 'not_evaluated',
          lastEvaluatedAt: last,
          variant: null,
        });
      }
      const everyone = servedToEveryone(config);
      if (everyone !== undefined) {
        stale.push({
          key: definition.key,
          environment,
          reason: 'fully_rolled_out',
          lastEvaluatedAt: last,
          variant: everyone,
        });
      }
    }
  }
  return stale;
}

/** The one variant every context gets, when the configuration can serve nothing else. */
export function servedToEveryone(config: EnvironmentConfig): string | undefined {
  if (!config.on) return undefined;
  if (config.prerequisites?.length || config.targets?.length || config.rules?.length) return undefined;
  const serve = config.fallthrough;
  if ('variant' in serve) return serve.variant;
  const weighted = serve.rollout.variants.filter((entry) => entry.weight > 0);
  const [only] = weighted;
  return weighted.length === 1 && only && only.weight === ROLLOUT_TOTAL_WEIGHT ? only.variant : undefined;
}
