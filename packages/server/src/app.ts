import Fastify, { type FastifyInstance, type FastifyPluginAsync, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { accessPersonalData, createAccessService, createDefaultStore } from './access/index.ts';
import { fgaRoutes } from './access/routes/index.ts';
import { registerFlagEvaluation } from './flags/evaluation/index.ts';
import { createFlagsModule, flagsRoutes } from './flags/index.ts';
import { flagStreamRoutes } from './flags/stream/index.ts';
import { createIdentityService, identityRoutes, personalDataRoutes } from './identity/index.ts';
import type { PasswordHasher } from './identity/passwords/password-hasher.ts';
import { accessTokenAuthenticator } from './identity/tokens/access-token-authenticator.ts';
import { createTokenService, type TokenService } from './identity/tokens/token-service.ts';
import { wellKnownRoutes } from './identity/tokens/well-known-routes.ts';
import {
  apiKeyAuthenticator,
  apiKeyRoutes,
  apiKeysPersonalData,
  createApiKeyService,
} from './orgs/api-keys/index.ts';
import { auditLogRoutes } from './orgs/audit/index.ts';
import { createOrgsService, organizationExportRoutes, orgsRoutes } from './orgs/index.ts';
import { createInvitationService, invitationsRoutes } from './orgs/invitations/index.ts';
import { registerAuthentication } from './platform/auth/authentication.ts';
import { operatorKeyAuthenticator } from './platform/auth/operator-keys.ts';
import type { Config } from './platform/config/config.ts';
import type { EnvelopeEncryption } from './platform/crypto/envelope-encryption.ts';
import { loadEnvelopeEncryption } from './platform/crypto/load-encryption.ts';
import type { Database } from './platform/db/database.ts';
import { frameworkErrorHandler, installErrorHandling } from './platform/errors/error-handler.ts';
import { createPersonalDataRegistry } from './platform/gdpr/index.ts';
import { createPersonalDataService } from './platform/gdpr/personal-data-service.ts';
import { healthRoutes } from './platform/health/routes.ts';
import { registerGracefulDrain } from './platform/http/graceful-drain.ts';
import { registerLoadShedding } from './platform/http/load-shedding.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { registerRequestContext } from './platform/http/request-context.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { requestIdFor } from './platform/http/trace-context.ts';
import { registerIdempotency } from './platform/idempotency/register-idempotency.ts';
import { envelopeResponseSealer } from './platform/idempotency/response-sealing.ts';
import { lazyChildLoggerFactory } from './platform/logging/lazy-child-logger.ts';
import { logDestination } from './platform/logging/log-destination.ts';
import { loggerOptions, registerRequestLogging } from './platform/logging/logger.ts';
import type { Mailer } from './platform/mail/mailer.ts';
import { outboxPersonalData } from './platform/mail/outbox-personal-data.ts';
import { registerMail } from './platform/mail/register-mail.ts';
import { registerCredentialRateLimits, registerIpRateLimits } from './platform/rate-limit/layers.ts';
import { KEYSTONE_VERSION } from './platform/version.ts';

export type ExtraPluginOptions = { config: Config; database: Database };

export type AppDependencies = {
  config: Config;
  database: Database;
  /**
   * Envelope encryption (createServer always passes it; modules that store read-back secrets need it).
   * Without it, buildApp loads it as createServer does (KEYSTONE_MASTER_KEY, else the data directory's master.key).
   */
  encryption?: EnvelopeEncryption;
  /** Access tokens; tests pass one with a clock they control. Made from config, database and encryption if absent. */
  tokens?: TokenService;
  /** Where mail goes; made from config (SMTP_URL, else the development outbox) if absent. */
  mailer?: Mailer;
  /** Extra plugins (tests mount probe routes this way); each is given `{ config, database }` as options. */
  plugins?: FastifyPluginAsync<ExtraPluginOptions>[];
  /** A pino destination stream; tests capture logs with it. */
  logStream?: NodeJS.WritableStream;
  /** Identity's password hasher; the sign-in timing test passes one whose dummy it can switch off. */
  hasher?: PasswordHasher;
};

/**
 * Builds the HTTP application. Layers, in the order a request meets them:
 * trace context → load shedding → security headers/CORS → rate limits →
 * authentication → idempotency → Zod validation → handler → problem+json errors.
 */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database } = deps;
  const encryption = deps.encryption ?? (await loadEnvelopeEncryption(database, config)).encryption;
  const tokens = deps.tokens ?? createTokenService({ database, encryption, config });
  const logger = loggerOptions(config.logLevel);
  const app = Fastify({
    logger: { ...logger, stream: deps.logStream ?? logDestination() },
    // registerRequestLogging writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // A request's logger becomes a pino child only if the request logs something.
    childLoggerFactory: lazyChildLoggerFactory,
    genReqId: requestIdFor,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: any other body type is 415, never a string handed to a schema.
  app.removeContentTypeParser(['text/plain']);

  // The order of these hooks is the order a request meets them.
  installErrorHandling(app);
  registerRequestContext(app);
  registerRequestLogging(app);
  registerGracefulDrain(app);
  await registerLoadShedding(app, config.maxEventLoopDelayMs);
  const apiKeys = createApiKeyService({
    database,
    originsRefreshMs: config.corsKeyOriginsRefreshMs,
    onError: (error) =>
      app.log.error(
        { err: error },
        'API keys: a background read or write failed (last-used times, CORS origins)',
      ),
  });
  // CORS answers the configured origins and those of live publishable keys.
  await registerSecurityHeaders(app, {
    configuredOrigins: config.corsOrigins,
    keyOrigins: apiKeys.publishableOrigins,
  });
  await registerOpenApi(app, KEYSTONE_VERSION);
  // Per-IP rate limits go here: before authentication, so floods of bad credentials are cheap to refuse.
  const preAuthLimits = await registerIpRateLimits(app, config);
  app.decorate('apiKeys', apiKeys);
  app.addHook('onClose', () => apiKeys.close());
  registerAuthentication(app, [
    operatorKeyAuthenticator(database),
    apiKeyAuthenticator(apiKeys),
    accessTokenAuthenticator(tokens),
  ]);
  // Per-credential rate limits, then idempotency, go here: both are keyed by the authenticated credential.
  registerCredentialRateLimits(app, preAuthLimits, config);
  registerIdempotency(app, database, envelopeResponseSealer(database, encryption));

  await app.register(healthRoutes(database));
  await registerMail(app, { config, database, mailer: deps.mailer });
  // Before the modules: each registers what personal data it holds as it is created.
  const personalData = createPersonalDataRegistry();
  app.decorate('personalData', personalData);
  personalData.register(outboxPersonalData(database));
  personalData.register(apiKeysPersonalData(database));
  personalData.register(accessPersonalData(database));
  app.decorate('tokens', tokens);
  await app.register(wellKnownRoutes(tokens, config));
  const identity = createIdentityService({
    config,
    database,
    encryption,
    mailer: app.mailer,
    tokens,
    ...(deps.hasher ? { hasher: deps.hasher } : {}),
    personalData,
  });
  const privacy = createPersonalDataService({
    database,
    registry: personalData,
    accounts: identity.accounts,
  });
  app.decorate('identity', identity);
  await app.register(identityRoutes(identity));
  const access = createAccessService({ database });
  app.decorate('access', access);
  // Every organization is created with an access-control store, in the organization's transaction.
  const orgs = createOrgsService({
    database,
    identity,
    personalData,
    privacy,
    accessControl: { createDefaultStore },
  });
  app.decorate('orgs', orgs);
  await app.register(orgsRoutes(orgs));
  await app.register(personalDataRoutes(privacy, database));
  await app.register(organizationExportRoutes(privacy));
  const invitations = createInvitationService({ database, identity, mailer: app.mailer, config });
  personalData.register(invitations.personalData);
  await app.register(invitationsRoutes(invitations));
  await app.register(auditLogRoutes(database));
  await app.register(apiKeyRoutes(apiKeys));
  await app.register(fgaRoutes(access));
  const flags = await createFlagsModule({
    database,
    listenUrl: config.appDatabaseUrl ?? config.databaseUrl,
    onError: (error) => app.log.error({ err: error }, 'Flags: the change feed’s LISTEN connection failed'),
  });
  app.decorate('flags', flags);
  app.addHook('onClose', () => flags.close());
  await app.register(flagsRoutes(flags));
  await registerFlagEvaluation(app, flags);
  await app.register(flagStreamRoutes(flags));
  for (const plugin of deps.plugins ?? []) await app.register(plugin, { config, database });
  await app.ready();
  return app;
}
