import type { FastifyInstance, FastifyRequest } from 'fastify';
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
