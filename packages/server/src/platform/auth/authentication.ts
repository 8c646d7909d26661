import type { FastifyInstance, FastifyRequest } from 'fastify';
import { INSTANCE_TENANT_ID } from '../db/instance-tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { type MaybePromise, settle, then } from '../http/sync-hook.ts';
import { presentedCredential } from './presented-credential.ts';
import type { Authenticator, PresentedCredential, Principal } from './principal.ts';

/**
 * Who may call a route. The default is `authenticated`: a route is public only
 * when it says so, so a forgotten declaration fails closed. Publishable keys
 * (browser code) pass only `publishable` routes, which any other credential passes too.
 */
export type RouteAccess = 'public' | 'authenticated' | 'operator' | 'publishable';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export function registerAuthentication(app: FastifyInstance, authenticators: Authenticator[]): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', (request, _reply, done) => {
    const credential = presentedCredential(request);
    if (!credential) return settle(() => admit(request), done);
    settle(
      () =>
        then(resolve(authenticators, credential, 0), (principal) => {
          if (!principal) throw new AppError('unauthenticated', { detail: 'The credential is not valid' });
          request.principal = principal;
          admit(request);
        }),
      done,
    );
  });
}

/** Whether the route lets this request through, given who (if anyone) it is. */
function admit(request: FastifyRequest): void {
  const access = request.routeOptions.config.access ?? 'authenticated';
  if (access === 'public' || !request.routeOptions.url) return;
  if (!request.principal) {
    throw new AppError('unauthenticated', {
      detail: 'Send a credential as Authorization: Bearer <token> or X-Keystone-Key',
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  if (access === 'operator' && request.principal.kind !== 'operator') {
    throw new AppError('forbidden', { detail: 'This route needs an operator key' });
  }
  if (request.principal.kind === 'publishable_key') admitPublishable(request, access, request.principal);
}

function admitPublishable(
  request: FastifyRequest,
  access: RouteAccess,
  principal: Extract<Principal, { kind: 'publishable_key' }>,
): void {
  if (access !== 'publishable') {
    throw new AppError('forbidden', { detail: 'A publishable key cannot call this route; use a secret key' });
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !principal.allowedOrigins.includes(origin)) {
    throw new AppError('forbidden', { detail: 'This publishable key is not allowed from this origin' });
  }
}

/** The first authenticator that recognizes the credential; synchronous while each answers at once. */
function resolve(
  authenticators: Authenticator[],
  credential: PresentedCredential,
  from: number,
): MaybePromise<Principal | undefined> {
  const authenticator = authenticators[from];
  if (!authenticator) return undefined;
  return then(authenticator.authenticate(credential), (principal) =>
    principal ? principal : resolve(authenticators, credential, from + 1),
  );
}

/**
 * May this principal act inside this organization? Operators may act in any; others only in their own.
 * An API key must also hold `apiKeyScope` (or `admin`).
 */
export function requireOrgAccess(
  request: FastifyRequest,
  orgId: string,
  apiKeyScope = 'orgs:read',
): Principal {
  const principal = request.principal;
  if (!principal) throw new AppError('unauthenticated');
  if (principal.kind === 'operator') return principal;
  // The instance's own tenant is the operators' (an instance API key's orgId names it too).
  // A user's org_id claim is only a default and may outlive the membership: users pass the orgs
  // module's guard (requireOrgPermission), never this check.
  if (orgId !== INSTANCE_TENANT_ID && principal.kind === 'api_key' && principal.orgId === orgId) {
    if (!hasScope(principal.scopes, apiKeyScope)) {
      throw new AppError('forbidden', { detail: `This API key lacks the ${apiKeyScope} scope` });
    }
    return principal;
  }
  // Same answer as a missing organization: a caller learns nothing about other tenants.
  throw new AppError('not_found', { detail: 'No such organization' });
}

function hasScope(scopes: string[], needed: string): boolean {
  return scopes.includes('admin') || scopes.includes(needed);
}
