import type { FastifyPluginAsync } from 'fastify';
import { instanceKeyRoutes } from './routes/instance-key-routes.ts';
import { orgKeyRoutes } from './routes/org-key-routes.ts';
import type { ApiKeyService } from './service/api-key-service.ts';

export { apiKeysPersonalData } from './gdpr/api-keys-personal-data.ts';
export { apiKeyAuthenticator } from './service/api-key-authenticator.ts';
export { type ApiKeyService, createApiKeyService } from './service/api-key-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** API keys: create, list, revoke, and authentication (see orgs/api-keys/). */
    apiKeys: ApiKeyService;
  }
}

/** The API key routes: the instance's keys, and each organization's. */
export function apiKeyRoutes(keys: ApiKeyService): FastifyPluginAsync {
  return async (app) => {
    await app.register(instanceKeyRoutes(keys));
    await app.register(orgKeyRoutes(keys));
  };
}
