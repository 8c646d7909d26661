import type { FastifyPluginAsync } from 'fastify';
import { mfaRoutes } from './mfa/routes/mfa-routes.ts';
import { mfaVerifyRoute } from './mfa/routes/mfa-verify-route.ts';
import { accountRoutes } from './routes/account-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { emailLinkRoutes } from './routes/email-link-routes.ts';
import { emailRoutes } from './routes/email-routes.ts';
import { meRoutes } from './routes/me-routes.ts';
import type { IdentityService } from './service/identity-service.ts';

export { personalDataRoutes } from './gdpr/gdpr-routes.ts';
export {
  createIdentityService,
  type IdentityDeps,
  type IdentityService,
} from './service/identity-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Identity's service, for other modules (they never read identity's tables). */
    identity: IdentityService;
  }
}

/**
 * The identity module's routes. buildApp creates the service (after the mailer
 * and the token service), decorates the root instance with it, then registers these.
 */
export function identityRoutes(identity: IdentityService): FastifyPluginAsync {
  return async (app) => {
    await app.register(authRoutes(identity));
    await app.register(meRoutes(identity));
    await app.register(emailRoutes(identity));
    await app.register(accountRoutes(identity));
    await app.register(emailLinkRoutes(identity));
    await app.register(mfaVerifyRoute(identity));
    await app.register(mfaRoutes(identity));
  };
}
