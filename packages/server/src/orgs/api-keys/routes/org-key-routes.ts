import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { requireOrgPermission } from '../../service/org-access.ts';
import type { ApiKeyService } from '../service/api-key-service.ts';
import { newKeyFromBody, presentApiKey } from './present.ts';
import {
  createdKeySchema,
  createKeyBody,
  keyList,
  noContent,
  noQuery,
  orgKeyItemParams,
  orgKeyParams,
  rotateKeyBody,
} from './schemas.ts';

/**
 * An organization's keys (machine-to-machine for that tenant): managed by members
 * whose role grants `api_keys:manage`, and by operators. Never by an API key: a key
 * that could mint keys would outlive its own revocation.
 */
export function orgKeyRoutes(keys: ApiKeyService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/organizations/:orgId/api-keys',
      {
        schema: {
          tags: ['api-keys'],
          summary: 'Create an API key of the organization; the response holds the key, shown this once',
          params: orgKeyParams,
          querystring: noQuery,
          body: createKeyBody,
          response: { 201: createdKeySchema },
        },
      },
      async (request, reply) => {
        const { orgId } = request.params;
        await requireKeyManager(request, orgId);
        const created = await keys.create(orgId, newKeyFromBody(request.body), auditContextOf(request));
        return reply.code(201).send({ ...presentApiKey(created.key), secret: created.secret });
      },
    );

    app.get(
      '/v1/organizations/:orgId/api-keys',
      {
        schema: {
          tags: ['api-keys'],
          summary: 'List the organization’s API keys that are not revoked (never their secrets)',
          params: orgKeyParams,
          querystring: noQuery,
          response: { 200: keyList },
        },
      },
      async (request) => {
        const { orgId } = request.params;
        await requireKeyManager(request, orgId);
        return { data: (await keys.list(orgId)).map(presentApiKey) };
      },
    );

    app.post(
      '/v1/organizations/:orgId/api-keys/:keyId/rotate',
      {
        schema: {
          tags: ['api-keys'],
          summary:
            'Replace an API key of the organization with a new one of the same settings, shown this once',
          params: orgKeyItemParams,
          querystring: noQuery,
          body: rotateKeyBody,
          response: { 201: createdKeySchema },
        },
      },
      async (request, reply) => {
        const { orgId, keyId } = request.params;
        await requireKeyManager(request, orgId);
        const graceSeconds = request.body?.expire_old_in_seconds ?? 0;
        const created = await keys.rotate(orgId, keyId, { graceSeconds }, auditContextOf(request));
        return reply.code(201).send({ ...presentApiKey(created.key), secret: created.secret });
      },
    );

    app.delete(
      '/v1/organizations/:orgId/api-keys/:keyId',
      {
        schema: {
          tags: ['api-keys'],
          summary: 'Revoke an API key of the organization; it stops working on every server at once',
          params: orgKeyItemParams,
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { orgId, keyId } = request.params;
        await requireKeyManager(request, orgId);
        await keys.revoke(orgId, keyId, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}

async function requireKeyManager(request: FastifyRequest, orgId: string): Promise<void> {
  // Membership (or the key's own org) first, so another org's key learns nothing about this one.
  await requireOrgPermission(request, orgId, 'api_keys:manage');
  if (request.principal?.kind === 'api_key') {
    throw new AppError('forbidden', {
      detail: 'API keys are managed by people and operators, not by API keys',
    });
  }
}
