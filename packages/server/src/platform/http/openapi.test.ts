import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { z } from 'zod';
import { allProbes } from '../../../test/support/probes/index.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { registerOpenApi } from './openapi.ts';

describe('OpenAPI document', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ plugins: allProbes });
  });
  after(() => t.close());

  it('is OpenAPI 3.1 at /openapi.json and rendered at /docs', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(doc.statusCode, 200);
    assert.equal(doc.json().openapi, '3.1.0');
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
  });

  it('describes every documented route, with its method', async () => {
    const paths = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths as Record<
      string,
      Record<string, unknown>
    >;
    const routes = t.app.routeCatalog.filter(
      (r) => r.documented && r.method !== 'HEAD' && r.method !== 'OPTIONS',
    );
    assert.ok(routes.length >= 5, 'the app has routes to check');
    for (const route of routes) {
      const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
      assert.ok(
        paths[openApiPath]?.[route.method.toLowerCase()],
        `${route.method} ${route.url} is in the document`,
      );
    }
  });

  it('has no $ref that points nowhere (a recursive schema such as z.json() leaves one)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const dangling: string[] = [];
    const resolve = (pointer: string) =>
      pointer
        .slice(2)
        .split('/')
        .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
    const walk = (node: unknown, where: string) => {
      if (Array.isArray(node)) {
        for (const [index, item] of node.entries()) walk(item, `${where}/${index}`);
      } else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string' && resolve(value) === undefined) {
            dangling.push(`${where}: ${value}`);
          } else walk(value, `${where}/${key}`);
        }
      }
    };
    walk(doc, '#');
    assert.deepEqual(dangling, []);
  });

  it('hides only the documentation routes themselves', () => {
    const hidden = t.app.routeCatalog.filter((r) => !r.documented).map((r) => r.url);
    for (const url of hidden)
      assert.ok(url === '/openapi.json' || url.startsWith('/docs') || url === '*', url);
  });

  it('refuses to register a route that lacks a schema', async () => {
    const app = Fastify();
    await registerOpenApi(app, 'test');
    assert.throws(
      () => app.post('/bare', async () => ({})),
      /route POST \/bare has no schema for: querystring, body, response/,
    );
    assert.throws(
      () =>
        app.get(
          '/things/:id',
          { schema: { querystring: z.strictObject({}), response: { 200: z.object({}) } } },
          async () => ({}),
        ),
      /has no schema for: params/,
    );
    await app.close();
  });
});
