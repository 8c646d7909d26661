import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit/index.ts';
import type { AccessService } from '../service/access-service.ts';
import { fgaOrgOf } from './fga-caller.ts';
import { positionFromToken, positionToken, storeJson } from './fga-encoding.ts';
import {
  createStoreBody,
  noContent,
  noQuery,
  pageQuery,
  store,
  storeList,
  storeParams,
} from './fga-wire-schemas.ts';

/** OpenFGA's store routes: an organization's stores (another organization's are not found). */
export function storeRoutes(access: AccessService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/stores',
      {
        schema: {
          tags: ['fga'],
          summary: 'Create a store (OpenFGA CreateStore)',
          querystring: noQuery,
          body: createStoreBody,
          response: { 201: store },
        },
      },
      async (request, reply) => {
        const orgId = fgaOrgOf(request, 'change');
        const created = await access.createStore(orgId, request.body.name, auditContextOf(request));
        return reply.code(201).send(storeJson(created));
      },
    );

    app.get(
      '/stores',
      {
        schema: {
          tags: ['fga'],
          summary: 'List the organization’s stores, oldest first (OpenFGA ListStores)',
          querystring: pageQuery,
          response: { 200: storeList },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'query');
        const limit = request.query.page_size ?? 50;
        const after = positionFromToken(request.query.continuation_token);
        // One more than the page tells whether another follows.
        const stores = await access.listStores(orgId, { limit: limit + 1, ...(after ? { after } : {}) });
        const page = stores.slice(0, limit);
        return {
          stores: page.map(storeJson),
          continuation_token: stores.length > limit ? positionToken(page.at(-1)?.id) : '',
        };
      },
    );

    app.get(
      '/stores/:store_id',
      {
        schema: {
          tags: ['fga'],
          summary: 'Get a store (OpenFGA GetStore)',
          params: storeParams,
          querystring: noQuery,
          response: { 200: store },
        },
      },
      async (request) => {
        const orgId = fgaOrgOf(request, 'query');
        return storeJson(await access.getStore(orgId, request.params.store_id));
      },
    );

    app.delete(
      '/stores/:store_id',
      {
        schema: {
          tags: ['fga'],
          summary: 'Delete a store (OpenFGA DeleteStore); its tuples stop answering at once',
          params: storeParams,
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        const orgId = fgaOrgOf(request, 'change');
        await access.deleteStore(orgId, request.params.store_id, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}
