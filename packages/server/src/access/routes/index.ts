/**
 * The OpenFGA HTTP API under /fga: OpenFGA's paths, request and response JSON and error codes, so the
 * official SDKs work against Keystone with an organization's API key as their bearer token.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AccessService } from '../service/access-service.ts';
import { checkRoutes } from './check-routes.ts';
import { erasureRoutes } from './erasure-routes.ts';
import { installOpenFgaErrors } from './fga-errors.ts';
import { modelRoutes } from './model-routes.ts';
import { queryRoutes } from './query-routes.ts';
import { storeRoutes } from './store-routes.ts';
import { tupleRoutes } from './tuple-routes.ts';

export const FGA_BASE_PATH = '/fga';

export function fgaRoutes(access: AccessService): FastifyPluginAsync {
  const api: FastifyPluginAsync = async (app) => {
    installOpenFgaErrors(app);
    await app.register(storeRoutes(access));
    await app.register(modelRoutes(access));
    await app.register(tupleRoutes(access));
    await app.register(checkRoutes(access));
    await app.register(queryRoutes(access));
    await app.register(erasureRoutes(access));
  };
  return async (app) => {
    await app.register(api, { prefix: FGA_BASE_PATH });
  };
}
