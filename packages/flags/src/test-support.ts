/** Builders for the package's tests: a flag set with one environment, `production`. */
import type { EnvironmentConfig, FlagDefinition, FlagSet, SegmentDefinition } from './definition.ts';
import { compileFlagSet, type FlagSetEvaluator } from './evaluator/flag-set.ts';

export const ENVIRONMENT = 'production';

/** A string flag with variants red, green, blue and off; `production` on, serving `config`. */
export function stringFlag(
  key: string,
  config: Partial<EnvironmentConfig> = {},
  extra: Partial<FlagDefinition> = {},
): FlagDefinition {
  return {
    key,
    type: 'string',
    variants: { red: 'R', green: 'G', blue: 'B', off: 'OFF' },
    off_variant: 'off',
    environments: {
      [ENVIRONMENT]: { on: true, off_variant: 'off', fallthrough: { variant: 'green' }, ...config },
    },
    ...extra,
  };
}

export function flagSet(flags: FlagDefinition[], segments: SegmentDefinition[] = []): FlagSet {
  return { environment: ENVIRONMENT, version: 1, flags, segments };
}

export function evaluator(flags: FlagDefinition[], segments: SegmentDefinition[] = []): FlagSetEvaluator {
  return compileFlagSet(flagSet(flags, segments));
}
