import type { FastifyPluginAsync } from 'fastify';
import type { FlagService } from '../service/flag-service.ts';
import { environmentRoutes } from './environment-routes.ts';
import { flagRoutes } from './flag-routes.ts';
import { flagVersionRoutes } from './flag-version-routes.ts';
import { segmentRoutes } from './segment-routes.ts';

/** Flag management: environments, flags (versions, rollback, kill) and segments. */
export function flagsRoutes(flags: FlagService): FastifyPluginAsync {
  return async (app) => {
    await app.register(environmentRoutes(flags));
    await app.register(flagRoutes(flags));
    await app.register(flagVersionRoutes(flags));
    await app.register(segmentRoutes(flags));
  };
}
