/**
 * OFREP v1, the OpenFeature Remote Evaluation Protocol, for OpenFeature's OFREP providers: one flag
 * (`POST /ofrep/v1/evaluate/flags/{key}`) or all of them (`POST /ofrep/v1/evaluate/flags`, with an
 * ETag and If-None-Match → 304). The key chooses the environment (evaluation-key.ts). Evaluation
 * errors answer OFREP's statuses (400/404) as problem+json that also carries OFREP's body
 * (ofrep-problem.ts), which the providers parse; authentication failures are 401/403 problems, which
 * the providers read from the status.
 */
import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CompiledFlagSets } from './compiled-flag-sets.ts';
import { evaluationEnvironment } from './evaluation-key.ts';
import type { EvaluationRecorder } from './evaluation-recorder.ts';
import {
  bulkEtag,
  contextFault,
  etagMatches,
  ofrepAnswer,
  ofrepFailure,
  ofrepStatus,
  ofrepSuccess,
} from './ofrep-answers.ts';
import { sendOfrepProblem } from './ofrep-problem.ts';
import {
  ofrepBulkFailureProblem,
  ofrepBulkSuccess,
  ofrepFailureProblem,
  ofrepFlagParams,
  ofrepNotModified,
  ofrepQuery,
  ofrepRequest,
  ofrepSuccess as ofrepSuccessBody,
} from './ofrep-schemas.ts';

export function ofrepRoutes(sets: CompiledFlagSets, recorder: EvaluationRecorder): FastifyPluginAsyncZod {
  return async (app) => {
    // A body that is not JSON, or not an object, is OFREP's PARSE_ERROR (400 with its body); any
    // other failure goes on to the platform's problem+json handler.
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.validation || error.code?.startsWith('FST_ERR_CTP_')) {
        if (error.statusCode === 415 || error.statusCode === 413) throw error;
        const params = request.params as { key?: string } | undefined;
        const body = { errorCode: 'PARSE_ERROR', errorDetails: 'the request body must be a JSON object' };
        return sendOfrepProblem(request, reply, 400, params?.key ? { key: params.key, ...body } : body);
      }
      throw error;
    });

    app.post(
      '/ofrep/v1/evaluate/flags/:key',
      {
        config: { access: 'publishable' },
        schema: {
          tags: ['flags'],
          summary: 'OFREP: evaluate one flag in the key’s environment',
          params: ofrepFlagParams,
          querystring: ofrepQuery,
          body: ofrepRequest,
          response: { 200: ofrepSuccessBody, 400: ofrepFailureProblem, 404: ofrepFailureProblem },
        },
      },
      async (request, reply) => {
        const environment = evaluationEnvironment(request);
        const { key } = request.params;
        const fault = contextFault(request.body.context);
        if (fault) {
          return sendOfrepProblem(request, reply, 400, {
            key,
            errorCode: 'INVALID_CONTEXT',
            errorDetails: fault,
          });
        }
        const compiled = await sets.forEnvironment(environment);
        const type = compiled.types.get(key);
        if (type === undefined) {
          return sendOfrepProblem(request, reply, 404, {
            key,
            errorCode: 'FLAG_NOT_FOUND',
            errorDetails: `flag ${key} is not in the ${environment} flag set`,
          });
        }
        const context = (request.body.context ?? {}) as Record<string, unknown>;
        const result = compiled.evaluator.evaluate(key, type, false, context);
        recorder.noteOne(environment, key);
        if (result.reason === 'ERROR') {
          return sendOfrepProblem(
            request,
            reply,
            ofrepStatus(result.errorCode ?? 'GENERAL'),
            ofrepFailure(key, result),
          );
        }
        return ofrepSuccess(key, result);
      },
    );

    app.post(
      '/ofrep/v1/evaluate/flags',
      {
        config: { access: 'publishable' },
        schema: {
          tags: ['flags'],
          summary: 'OFREP: evaluate every flag of the key’s environment (ETag; If-None-Match answers 304)',
          querystring: ofrepQuery,
          body: ofrepRequest,
          response: {
            200: ofrepBulkSuccess,
            304: ofrepNotModified,
            400: ofrepBulkFailureProblem,
          },
        },
      },
      async (request, reply) => {
        const environment = evaluationEnvironment(request);
        const fault = contextFault(request.body.context);
        if (fault) {
          return sendOfrepProblem(request, reply, 400, { errorCode: 'INVALID_CONTEXT', errorDetails: fault });
        }
        const compiled = await sets.forEnvironment(environment);
        const context = (request.body.context ?? {}) as Record<string, unknown>;
        const version = compiled.set.version;
        const etag = bulkEtag(environment, version, context);
        // A 304 still means the client is using the flags.
        recorder.note(environment, compiled.keys);
        reply.header('etag', etag);
        if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
        const flags = compiled.evaluator
          .evaluateAll(context)
          .map((result) => ofrepAnswer(result.key, result));
        return { flags, metadata: { flagSetVersion: version } };
      },
    );
  };
}
