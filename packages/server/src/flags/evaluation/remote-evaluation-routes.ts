/**
 * Keystone's own remote evaluation: `POST /v1/flags/evaluate` with a context and optionally the flags
 * wanted, answering each flag's value, variant, reason (and error code) in snake_case like the rest of
 * /v1. The key chooses the environment; a named flag the set lacks is FLAG_NOT_FOUND in its place.
 */
import type { FlagEvaluation } from '@keystone/flags';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CompiledFlagSets } from './compiled-flag-sets.ts';
import { evaluationEnvironment } from './evaluation-key.ts';
import type { EvaluationRecorder } from './evaluation-recorder.ts';

const evaluateBody = z.strictObject({
  context: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('targetingKey and any attributes (organization, plan, country, version...)'),
  flags: z
    .array(z.string().min(1).max(200))
    .max(1000)
    .optional()
    .describe('The flags to evaluate; every flag of the environment when absent'),
});

const evaluatedFlag = z.strictObject({
  key: z.string(),
  value: z.unknown().optional().describe('Absent on ERROR (there is no caller default here)'),
  variant: z.string().optional(),
  reason: z.string(),
  error_code: z.string().optional(),
  error_message: z.string().optional(),
  flag_metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

const evaluateResponse = z.strictObject({
  environment: z.string(),
  flag_set_version: z.number().int(),
  flags: z.array(evaluatedFlag),
});

export function remoteEvaluationRoutes(
  sets: CompiledFlagSets,
  recorder: EvaluationRecorder,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/flags/evaluate',
      {
        config: { access: 'publishable' },
        schema: {
          tags: ['flags'],
          summary: 'Evaluate the key’s environment’s flags (all, or those named) for a context',
          querystring: z.strictObject({}),
          body: evaluateBody,
          response: { 200: evaluateResponse },
        },
      },
      async (request) => {
        const environment = evaluationEnvironment(request);
        const compiled = await sets.forEnvironment(environment);
        const { context, flags: wanted } = request.body;
        let results: FlagEvaluation[];
        if (wanted === undefined) {
          results = compiled.evaluator.evaluateAll(context);
          recorder.note(environment, compiled.keys);
        } else {
          results = wanted.map((key) => evaluateOne(compiled, key, context));
          recorder.note(
            environment,
            wanted.filter((key) => compiled.types.has(key)),
          );
        }
        return {
          environment,
          flag_set_version: compiled.set.version,
          flags: results.map(present),
        };
      },
    );
  };
}

function evaluateOne(
  compiled: Awaited<ReturnType<CompiledFlagSets['forEnvironment']>>,
  key: string,
  context: Record<string, unknown>,
): FlagEvaluation {
  const type = compiled.types.get(key);
  if (type === undefined) {
    return {
      key,
      type: 'boolean',
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
      errorMessage: `flag ${key} is not in the ${compiled.set.environment} flag set`,
    };
  }
  const { value, ...rest } = compiled.evaluator.evaluate(key, type, false, context);
  return { key, type, ...rest, ...(rest.reason === 'ERROR' ? {} : { value }) };
}

function present(result: FlagEvaluation): z.infer<typeof evaluatedFlag> {
  return {
    key: result.key,
    ...(result.value !== undefined ? { value: result.value } : {}),
    ...(result.variant !== undefined ? { variant: result.variant } : {}),
    reason: result.reason,
    ...(result.errorCode ? { error_code: result.errorCode } : {}),
    ...(result.errorMessage ? { error_message: result.errorMessage } : {}),
    flag_metadata: result.flagMetadata ?? {},
  };
}
