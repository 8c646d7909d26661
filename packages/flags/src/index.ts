/**
 * @keystone/flags: the flag definition format and its pure evaluator, shared by the Keystone server
 * (remote evaluation, OFREP) and the SDK's OpenFeature provider (local evaluation).
 */
export * from './definition.ts';
export * from './evaluation.ts';
export { compileFlagSet, type FlagEvaluation, type FlagSetEvaluator } from './evaluator/flag-set.ts';
export { murmur3 } from './evaluator/murmur3.ts';
export { rolloutBucket } from './evaluator/rollout.ts';
export { validateFlag } from './validation/flag.ts';
export type { KnownDefinitions } from './validation/known.ts';
export type { FlagProblem } from './validation/problems.ts';
export { validateSegment } from './validation/segment.ts';
