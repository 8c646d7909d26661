import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { EngineError } from '../engine/engine-error.ts';
import { type ModuleFile, modelJsonFromModules } from '../engine/model-compiler.ts';
import type { AuthorizationModelJson } from '../engine/model-types.ts';
import type { AccessService } from '../service/access-service.ts';
import { fgaOrgOf } from './fga-caller.ts';
import { modelJson, positionFromToken, positionToken } from './fga-encoding.ts';
import {
  modelList,
  modelParams,
  noQuery,
  pageQuery,
  readModelResponse,
  storeParams,
  writeModelBody,
  writeModelResponse,
} from './fga-wire-schemas.ts';

/** A modular model's files as one JSON model; a module that does not parse is the model's fault. */
function modularModel(files: readonly ModuleFile[]): AuthorizationModelJson {
  try {
    return modelJsonFromModules(files);
  } catch (error) {
    if (error instanceof EngineError) {
      throw new AppError('invalid_authorization_model', { detail: error.message });
    }
    throw error;
  }
}

/** OpenFGA's authorization-model routes: immutable models, the newest first. */
export function modelRoutes(access: AccessService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/stores/:store_id/authorization-models',
      {
        schema: {
          tags: ['fga'],
          summary: 'Write an authorization model, as OpenFGA JSON or (Keystone extension) `{ "dsl": … }`',
          params: storeParams,
          querystring: noQuery,
          body: writeModelBody,
          response: { 201: writeModelResponse },
        },
      },
      async (request, reply) => {
        const orgId = fgaOrgOf(request, 'change');
        const body = request.body;
        const model =
          'dsl' in body
            ? body.dsl
            : 'modules' in body
              ? modularModel(body.modules)
              : (body as unknown as AuthorizationModelJson);
        const id = await access.writeModel(orgId, request.params.store_id, model, auditContextOf(request));
        return reply.code(201).send({ authorization_model_id: id });
      },
    );

    app.get(
      '/stores/:store_id/authorization-models',
      {
        schema: {
          tags: ['fga'],
          summary: 'List the store’s authorization models, newest first (OpenFGA ReadAuthorizationModels)',
          params: storeParams,
          querystring: pageQuery,
          response: { 200: modelList },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'query');
        const limit = request.query.page_size ?? 50;
        const before = positionFromToken(request.query.continuation_token);
        const models = await access.listModels(orgId, request.params.store_id, {
          limit: limit + 1,
          ...(before ? { before } : {}),
        });
        const page = models.slice(0, limit);
        return {
          authorization_models: page.map(modelJson),
          continuation_token: models.length > limit ? positionToken(page.at(-1)?.id) : '',
        };
      },
    );

    app.get(
      '/stores/:store_id/authorization-models/:id',
      {
        schema: {
          tags: ['fga'],
          summary: 'Read one authorization model (OpenFGA ReadAuthorizationModel)',
          params: modelParams,
          querystring: noQuery,
          response: { 200: readModelResponse },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'query');
        const { store_id, id } = request.params;
        return { authorization_model: modelJson(await access.readModel(orgId, store_id, id)) };
      },
    );
  };
}
