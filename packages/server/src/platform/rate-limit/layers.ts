import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { presentedCredential } from '../auth/presented-credential.ts';
import type { Config } from '../config/config.ts';
import { AppError } from '../errors/app-error.ts';
import { settle, then } from '../http/sync-hook.ts';
import { clientKey } from './client-key.ts';
import type { RateLimitDecision, RateLimitPolicy } from './gcra.ts';
import { moreRestrictive, rateLimitHeaders } from './headers.ts';
import { createInFlight } from './in-flight.ts';
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts';

/**
 * A route's per-IP+identifier limit, for sign-in style routes: `identifier`
 * picks what an attacker would iterate over (usually the email in the body).
 * It runs before validation (so malformed attempts count too): treat the body
 * as unknown, or use `bodyField('email')`. Without `limit`, the route gets
 * KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE per 60 s.
 */
export type RouteRateLimit = {
  identifier: (request: FastifyRequest) => string | undefined;
  limit?: number;
  windowSeconds?: number;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    rateLimit?: RouteRateLimit;
  }
  interface FastifyRequest {
    /** The most restrictive rate-limit decision so far: the one the RateLimit headers show. */
    rateLimitShown: RateLimitDecision | undefined;
    /**
     * Set (to the IP's key) while a request that presented a credential is being
     * authenticated: the per-IP layer only looked, and charges the IP when the
     * response goes out unless the credential layer counted the request.
     */
    rateLimitIpHeld: string | undefined;
  }
}

/** Routes no limit applies to: orchestrators probe these and must always get an answer. */
const UNLIMITED_ROUTES = new Set(['/healthz', '/readyz']);

/** `identifier` for a string field of a JSON body; absent or not a string means "no identifier". */
export function bodyField(field: string): RouteRateLimit['identifier'] {
  return (request) => {
    const body = request.body;
    if (typeof body !== 'object' || body === null) return undefined;
    const value = (body as Record<string, unknown>)[field];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
}

/** Identifiers are compared case- and space-insensitively and never stored in clear (they are emails). */
function identifierKey(identifier: string): string {
  const normalized = identifier.normalize('NFKC').trim().toLowerCase();
  return createHash('sha256').update(normalized).digest('base64url').slice(0, 22);
}

/** Counts the request; throws `rate_limited` past the limit. Synchronous unless the store is Redis. */
function enforce(
  limiter: RateLimiter,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  policy: RateLimitPolicy,
): void | Promise<void> {
  const decision = limiter.consume(key, policy);
  if (decision instanceof Promise) return decision.then((d) => apply(request, reply, policy, d));
  apply(request, reply, policy, decision);
}

function apply(
  request: FastifyRequest,
  reply: FastifyReply,
  policy: RateLimitPolicy,
  decision: RateLimitDecision,
): void {
  if (!decision.allowed) refuse(policy, decision);
  show(request, reply, decision);
}

function refuse(policy: RateLimitPolicy, decision: RateLimitDecision): never {
  throw new AppError('rate_limited', {
    detail: `Too many requests (${policy.name} limit: ${policy.limit} per ${policy.windowSeconds} s); retry in ${decision.retryAfterSeconds} s`,
    headers: { ...rateLimitHeaders(decision), 'retry-after': String(decision.retryAfterSeconds) },
    extensions: { policy: policy.name },
  });
}

/** Advertises `decision` in the RateLimit headers if it is the most restrictive so far. */
function show(request: FastifyRequest, reply: FastifyReply, decision: RateLimitDecision): void {
  if (moreRestrictive(decision, request.rateLimitShown)) {
    request.rateLimitShown = decision;
    reply.headers(rateLimitHeaders(decision));
  }
}

/** What the layers before authentication hand the credential layer. */
export type PreAuthenticationLimits = {
  limiter: RateLimiter;
  /** The credential layer counts this request, so the per-IP layer must not. */
  authenticated(request: FastifyRequest): void;
};

/**
 * The layers before authentication: per IP (see registerIpLimit) on every
 * request (unknown routes included) except health checks, and per IP +
 * identifier on routes that declare `config.rateLimit` (at preValidation, once
 * the body is parsed).
 * Returns the limiter, which the credential layer shares.
 */
export async function registerIpRateLimits(
  app: FastifyInstance,
  config: Config,
): Promise<PreAuthenticationLimits> {
  const limits = config.rateLimits;
  const limiter = await createRateLimiter({
    redisUrl: config.redisUrl,
    redisPrefix: limits.redisPrefix,
    log: app.log,
  });
  app.addHook('onClose', () => limiter.close());
  app.decorateRequest('rateLimitShown', undefined);
  app.decorateRequest('rateLimitIpHeld', undefined);
  app.addHook('onRoute', (route) => {
    const declared = route.config?.rateLimit;
    if (!declared) return;
    const positive = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n > 0);
    if (
      typeof declared.identifier !== 'function' ||
      !positive(declared.limit) ||
      !positive(declared.windowSeconds)
    )
      throw new Error(
        `route ${route.method} ${route.url}: config.rateLimit needs identifier() and positive integer limit/windowSeconds`,
      );
  });

  const authenticated = limits.ipPerMinute > 0 ? registerIpLimit(app, limiter, limits.ipPerMinute) : () => {};

  const identifierLimit = (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.config.rateLimit;
    if (!route) return;
    const limit = route.limit ?? limits.identifierPerMinute;
    if (limit <= 0) return;
    const identifier = route.identifier(request);
    if (identifier === undefined) return;
    const policy: RateLimitPolicy = {
      name: 'ip-identifier',
      limit,
      windowSeconds: route.windowSeconds ?? 60,
    };
    const key = `id:${request.method} ${request.routeOptions.url}:${clientKey(request.ip)}:${identifierKey(identifier)}`;
    return enforce(limiter, request, reply, key, policy);
  };
  app.addHook('preValidation', (request, reply, done) => settle(() => identifierLimit(request, reply), done));
  return { limiter, authenticated };
}

/**
 * The per-IP limit guards what has no valid credential: anonymous requests and
 * credential guessing. A request without a credential is counted at once. One
 * that presents a credential is only checked against the IP's bucket (refused
 * if the IP is already over, so a flood of bad credentials costs no lookups),
 * and is charged to the IP when its response goes out unless the credential
 * layer counted it, i.e. when authentication refused it (401, or 403 for a
 * credential the route does not accept). Authenticated traffic from one address
 * (a customer's backend) is limited per credential, not per IP. Returns what
 * the credential layer calls for each request it counts.
 */
function registerIpLimit(
  app: FastifyInstance,
  limiter: RateLimiter,
  perMinute: number,
): PreAuthenticationLimits['authenticated'] {
  const policy: RateLimitPolicy = { name: 'ip', limit: perMinute, windowSeconds: 60 };
  const ipKey = (request: FastifyRequest) => `ip:${clientKey(request.ip)}`;
  // Credentials from each address still being authenticated here: they may all yet be charged.
  const inFlight = createInFlight();
  const admitForLookup = (request: FastifyRequest, key: string, decision: RateLimitDecision) => {
    if (!decision.allowed) refuse(policy, decision);
    // `remaining` counts after this request: each one in flight may take one more.
    if (decision.remaining < inFlight.count(key)) {
      refuse(policy, { ...decision, allowed: false, remaining: 0, retryAfterSeconds: 1 });
    }
    inFlight.hold(key);
    request.rateLimitIpHeld = key;
  };
  app.addHook('onRequest', (request, reply, done) => {
    if (UNLIMITED_ROUTES.has(request.routeOptions.url ?? '')) return done();
    const key = ipKey(request);
    if (!presentedCredential(request))
      return settle(() => enforce(limiter, request, reply, key, policy), done);
    settle(() => then(limiter.peek(key, policy), (decision) => admitForLookup(request, key, decision)), done);
  });
  // onSend runs for error responses too, and still before the headers are written.
  app.addHook('onSend', (request, reply, payload, done) => {
    const key = request.rateLimitIpHeld;
    if (key === undefined) return done(null, payload);
    request.rateLimitIpHeld = undefined;
    inFlight.release(key);
    const charged = then(limiter.consume(key, policy), (decision) => show(request, reply, decision));
    // The limiter answers from memory when Redis fails, so there is nothing to report; send regardless.
    const send = () => done(null, payload);
    if (charged instanceof Promise) charged.then(send, send);
    else send();
  });
  return (request) => {
    const key = request.rateLimitIpHeld;
    if (key === undefined) return;
    request.rateLimitIpHeld = undefined;
    inFlight.release(key);
  };
}

/**
 * The layer after authentication: per credential, for every authenticated request.
 * An API key with its own per-minute limit is held to that one (policy `api-key`) instead.
 */
export function registerCredentialRateLimits(
  app: FastifyInstance,
  { limiter, authenticated }: PreAuthenticationLimits,
  config: Config,
): void {
  const perMinute = config.rateLimits.credentialPerMinute;
  const policy: RateLimitPolicy = { name: 'credential', limit: perMinute, windowSeconds: 60 };
  const policies = new Map<number, RateLimitPolicy>();
  const ownPolicy = (limit: number) => {
    let own = policies.get(limit);
    if (!own) {
      own = { name: 'api-key', limit, windowSeconds: 60 };
      if (policies.size < 10_000) policies.set(limit, own);
    }
    return own;
  };
  app.addHook('onRequest', (request, reply, done) => {
    const principal = request.principal;
    // Authenticated: this layer counts the request, so the per-IP layer does not.
    if (principal) authenticated(request);
    if (!principal || UNLIMITED_ROUTES.has(request.routeOptions.url ?? '')) return done();
    const own = 'rateLimitPerMinute' in principal ? principal.rateLimitPerMinute : undefined;
    if (own === undefined && perMinute <= 0) return done();
    const chosen = own === undefined ? policy : ownPolicy(own);
    settle(() => enforce(limiter, request, reply, `cred:${principal.credentialId}`, chosen), done);
  });
}
