/**
 * Each environment's flag set compiled once per flag-set version: the service's cache hands out one
 * FlagSet object per environment and version, so a request compiles nothing unless the set changed.
 * Shared by remote evaluation and OFREP (and anything else that evaluates on the server).
 */
import { compileFlagSet, type FlagSet, type FlagSetEvaluator, type FlagType } from '@keystone/flags';
import type { FlagService } from '../service/flag-service.ts';

export type CompiledFlagSet = {
  readonly set: FlagSet;
  readonly evaluator: FlagSetEvaluator;
  /** Each flag's declared type, for callers that do not know it (OFREP's single evaluation). */
  readonly types: ReadonlyMap<string, FlagType>;
  /** Every flag key of the set, in its order (recording a bulk answered with 304). */
  readonly keys: readonly string[];
};

export class CompiledFlagSets {
  readonly #flags: Pick<FlagService, 'flagSet'>;
  readonly #byEnvironment = new Map<string, CompiledFlagSet>();
  /** Compilations so far (tests check there is one per version, not per request). */
  compilations = 0;

  constructor(flags: Pick<FlagService, 'flagSet'>) {
    this.#flags = flags;
  }

  /** The environment's newest flag set, compiled; environment_not_found (404) when it is gone. */
  async forEnvironment(environment: string): Promise<CompiledFlagSet> {
    const set = await this.#flags.flagSet(environment);
    const cached = this.#byEnvironment.get(environment);
    if (cached && (cached.set === set || cached.set.version > set.version)) return cached;
    this.compilations += 1;
    const compiled: CompiledFlagSet = {
      set,
      evaluator: compileFlagSet(set),
      types: new Map(set.flags.map((flag) => [flag.key, flag.type])),
      keys: set.flags.map((flag) => flag.key),
    };
    this.#byEnvironment.set(environment, compiled);
    return compiled;
  }
}
