import type { FastifyInstance } from 'fastify';
import { createCors, type OriginAllowList } from './cors.ts';

/**
 * Security headers on every response, the set OWASP gives for REST APIs: HSTS,
 * nosniff, frame denial (X-Frame-Options and CSP frame-ancestors), and a CSP
 * that forbids everything (an API answers JSON). They never vary, so they are
 * built once rather than per request. Each header costs every response its
 * validation and bytes, so the ones that only mean something to an HTML document
 * are in HTML_PAGE_HEADERS, sent by the pages (docs, outbox, email links).
 * CORS (cors.ts) runs only for requests with an Origin.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

/**
 * What an HTML page adds to SECURITY_HEADERS (each page also sets its own CSP):
 * no Referer leaks (page URLs may hold a key or token), its own browsing-context
 * group, no cross-origin embedding, no Flash/PDF policy files, no DNS prefetch.
 */
export const HTML_PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
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
