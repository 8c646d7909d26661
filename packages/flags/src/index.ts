/**
 * @keystone/flags: the flag definition format and its pure evaluator, shared by the Keystone server
 * (remote evaluation, OFREP) and the SDK's OpenFeature provider (local evaluation).
 */
export * from './definition.ts';
export * from './evaluation.ts';
export { validateFlag } from './validation/flag.ts';
export type { KnownDefinitions } from './validation/known.ts';
export type { FlagProblem } from './validation/problems.ts';
export { validateSegment } from './validation/segment.ts';
