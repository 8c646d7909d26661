import type { FastifyInstance } from 'fastify';
import { createCors, type OriginAllowList } from './cors.ts';

/**
 * Security headers on every response: HSTS, nosniff, frame denial, no referrer
 * leaks, and a CSP that forbids everything (an API answers JSON; the docs page
 * sets its own, still strict, policy). They never vary, so they are built once
 * rather than per request. CORS (cors.ts) runs only for requests with an Origin.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
  'x-dns-prefetch-control': 'off',
});

export async function registerSecurityHeaders(
  app: FastifyInstance,
  cors: { configuredOrigins: readonly string[]; keyOrigins?: OriginAllowList },
): Promise<void> {
  const applyCors = createCors(cors);
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    const origin = request.headers.origin;
    // Most API traffic (servers, CLIs) sends no Origin: for it this hook ends here.
    if (origin === undefined) return done();
    let outcome: ReturnType<typeof applyCors>;
    try {
      outcome = applyCors(request, reply, origin);
    } catch (error) {
      return done(error as Error);
    }
    // A preflight answered here is not handed on (that is how an onRequest hook replies).
    if (outcome instanceof Promise) outcome.then((o) => o === 'continue' && done(), done);
    else if (outcome === 'continue') done();
  });
  // Lets a preflight for any path reach the hook above; anything else OPTIONS is a 404.
  app.options('*', { schema: { hide: true }, config: { access: 'public' } }, (_request, reply) =>
    reply.callNotFound(),
  );
}
