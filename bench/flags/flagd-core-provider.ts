/**
 * flagd-core behind a minimal OpenFeature server provider, so flagd can be measured through
 * OpenFeature's client too (as flagd's in-process provider is used): both SDK paths then pay the same
 * client overhead (hooks, context merging, details).
 */
import { FlagdCore } from '@openfeature/flagd-core';
import type { EvaluationContext, JsonValue, Provider } from '@openfeature/server-sdk';
import { flagdConfiguration } from './banner-flag.ts';

const silent = { error() {}, warn() {}, info() {}, debug() {} };

export function flagdCore(): FlagdCore {
  const core = new FlagdCore();
  core.setConfigurations(JSON.stringify(flagdConfiguration));
  return core;
}

export function flagdCoreProvider(core: FlagdCore): Provider {
  return {
    metadata: { name: 'flagd-core (bench)' },
    runsOn: 'server',
    resolveBooleanEvaluation: async (key: string, fallback: boolean, context: EvaluationContext) =>
      core.resolveBooleanEvaluation(key, fallback, context, silent),
    resolveStringEvaluation: async (key: string, fallback: string, context: EvaluationContext) =>
      core.resolveStringEvaluation(key, fallback, context, silent),
    resolveNumberEvaluation: async (key: string, fallback: number, context: EvaluationContext) =>
      core.resolveNumberEvaluation(key, fallback, context, silent),
    resolveObjectEvaluation: async <T extends JsonValue>(
      key: string,
      fallback: T,
      context: EvaluationContext,
    ) => core.resolveObjectEvaluation(key, fallback, context, silent),
  };
}

export { silent as silentLogger };
