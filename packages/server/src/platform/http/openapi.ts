import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * The OpenAPI 3.1 document is generated from the routes' Zod schemas, served at
 * GET /openapi.json and rendered at /docs. A route that is not fully described
 * (params, query, body where it takes one, a response) refuses to register, so
 * nothing reaches the API undocumented or unvalidated.
 */
export type CatalogRoute = { method: string; url: string; documented: boolean };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, as the OpenAPI completeness test sees them. */
    routeCatalog: CatalogRoute[];
  }
}

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  const catalog: CatalogRoute[] = [];
  app.decorate('routeCatalog', catalog);
  app.addHook('onRoute', (route) => {
    requireSchemas(route);
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      catalog.push({ method, url: route.url, documented: !route.schema?.hide });
    }
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Keystone API',
        version,
        description:
          'Identity, access control, feature flags, metering and billing behind one API. ' +
          'Errors are RFC 9457 problem+json with a stable `code`; every mutation accepts `Idempotency-Key`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          keystoneKey: { type: 'apiKey', in: 'header', name: 'X-Keystone-Key' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformStaticCSP: strictDocsCsp,
    uiConfig: { validatorUrl: null },
  });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
}

/**
 * Swagger UI's own CSP, narrowed: same-origin assets only (its inline hashes
 * kept), no third-party hosts, never framed, no forms posting elsewhere.
 */
export function strictDocsCsp(header: string): string {
  const directives = new Map<string, string>();
  for (const part of header.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values.join(' '));
  }
  const sameOriginOnly = (name: string) =>
    ["'self'", ...(directives.get(name) ?? '').split(' ').filter((v) => /^'(sha|nonce)-/.test(v))].join(' ');
  return [
    "default-src 'none'",
    "base-uri 'none'",
    "connect-src 'self'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    `script-src ${sameOriginOnly('script-src')}`,
    "script-src-attr 'none'",
    `style-src ${sameOriginOnly('style-src')}`,
    "frame-ancestors 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function missingSchemas(route: Pick<RouteOptions, 'method' | 'url' | 'schema'>): string[] {
  const schema = route.schema ?? {};
  if (schema.hide) return [];
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const missing: string[] = [];
  if (route.url.includes(':') && !schema.params) missing.push('params');
  if (!schema.querystring) missing.push('querystring');
  if (methods.some((m) => BODY_METHODS.has(m)) && !schema.body) missing.push('body');
  if (!schema.response) missing.push('response');
  return missing;
}

function requireSchemas(route: RouteOptions): void {
  // The documentation itself is public.
  if (route.url === '/openapi.json' || route.url.startsWith('/docs')) {
    route.config = { ...route.config, access: 'public' };
  }
  const missing = missingSchemas(route);
  if (missing.length > 0) {
    const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
    throw new Error(`route ${methods} ${route.url} has no schema for: ${missing.join(', ')}`);
  }
}
