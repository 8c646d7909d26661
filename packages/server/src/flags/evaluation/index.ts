/**
 * Flag evaluation over HTTP (issue 8): Keystone's remote evaluation (`POST /v1/flags/evaluate`) and
 * OFREP (`/ofrep/v1/evaluate/flags[/{key}]`), for instance keys bound to one flag environment. Flag
 * sets are compiled once per version; last-evaluated times are written in batches.
 */
import type { FastifyInstance } from 'fastify';
import type { FlagService } from '../service/flag-service.ts';
import { CompiledFlagSets } from './compiled-flag-sets.ts';
import { createEvaluationRecorder, type EvaluationRecorder } from './evaluation-recorder.ts';
import { ofrepRoutes } from './ofrep-routes.ts';
import { remoteEvaluationRoutes } from './remote-evaluation-routes.ts';

export { type CompiledFlagSet, CompiledFlagSets } from './compiled-flag-sets.ts';
export { evaluationEnvironment } from './evaluation-key.ts';
export { createEvaluationRecorder, type EvaluationRecorder } from './evaluation-recorder.ts';

/** Registers the evaluation routes on the app and decorates it with `flagEvaluation`. */
export async function registerFlagEvaluation(
  app: FastifyInstance,
  flags: FlagService,
  options: { recordEveryMs?: number } = {},
): Promise<void> {
  const sets = new CompiledFlagSets(flags);
  const recorder = createEvaluationRecorder({
    record: flags.recordEvaluations,
    intervalMs: options.recordEveryMs ?? 5000,
    onError: (error) => app.log.error({ err: error }, 'Flags: recording last evaluations failed'),
  });
  app.decorate('flagEvaluation', { sets, recorder });
  // The last batch is written before the database closes (createServer closes it after the app).
  app.addHook('onClose', () => recorder.close());
  await app.register(remoteEvaluationRoutes(sets, recorder));
  await app.register(ofrepRoutes(sets, recorder));
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Flag evaluation's compiled sets and last-evaluated recorder (tests flush it). */
    flagEvaluation: { sets: CompiledFlagSets; recorder: EvaluationRecorder };
  }
}
