import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { presentedCredential } from './presented-credential.ts';
import type { Authenticator, Principal } from './principal.ts';

/**
 * Who may call a route. The default is `authenticated`: a route is public only
 * when it says so, so a forgotten declaration fails closed.
 */
export type RouteAccess = 'public' | 'authenticated' | 'operator';

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
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access ?? 'authenticated';
    const credential = presentedCredential(request);
    if (credential) {
      request.principal = await resolve(authenticators, credential);
      if (!request.principal)
        throw new AppError('unauthenticated', { detail: 'The credential is not valid' });
    }
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
  });
}

async function resolve(
  authenticators: Authenticator[],
  credential: Parameters<Authenticator['authenticate']>[0],
) {
  for (const authenticator of authenticators) {
    const principal = await authenticator.authenticate(credential);
    if (principal) return principal;
  }
  return undefined;
}

/** May this principal act inside this organization? Operators may act in any; others only in their own. */
export function requireOrgAccess(request: FastifyRequest, orgId: string): Principal {
  const principal = request.principal;
  if (!principal) throw new AppError('unauthenticated');
  if (principal.kind === 'operator') return principal;
  if ('orgId' in principal && principal.orgId === orgId) return principal;
  // Same answer as a missing organization: a caller learns nothing about other tenants.
  throw new AppError('not_found', { detail: 'No such organization' });
}
