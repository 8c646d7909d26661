import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response: HSTS, nosniff, frame denial, no referrer
 * leaks, and a CSP that forbids everything (an API answers JSON; the docs page
 * sets its own, still strict, policy). They never vary, so they are built once
 * rather than per request. CORS answers only configured origins; with none
 * configured its layer is not installed at all (it would only ever say no).
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

export async function registerSecurityHeaders(app: FastifyInstance, corsOrigins: string[]): Promise<void> {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done();
  });
  if (corsOrigins.length === 0) return;
  await app.register(cors, {
    origin: corsOrigins,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'idempotency-key',
      'x-keystone-key',
      // Identity's cookie mode (identity/routes/token-delivery.ts).
      'x-keystone-csrf',
      'x-keystone-token-delivery',
      'x-request-id',
      'traceparent',
    ],
    exposedHeaders: [
      'idempotent-replayed',
      'ratelimit',
      'ratelimit-policy',
      'retry-after',
      'traceparent',
      'x-request-id',
    ],
    maxAge: 600,
  });
}
