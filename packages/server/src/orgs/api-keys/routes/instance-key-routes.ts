import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit/index.ts';
import { INSTANCE_TENANT_ID } from '../../../platform/db/instance-tenant.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { ApiKeyService } from '../service/api-key-service.ts';
import { newKeyFromBody, presentApiKey } from './present.ts';
import {
  createdKeySchema,
  createKeyBody,
  keyList,
  keyParams,
  noContent,
  noQuery,
  rotateKeyBody,
} from './schemas.ts';

/**
 * Instance keys (the customer's backend, instance administration): managed by
 * an operator or by an instance key holding `admin`.
 */
export function instanceKeyRoutes(keys: ApiKeyService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/api-keys',
      {
        schema: {
          tags: ['api-keys'],
          summary: 'Create an instance API key; the response holds the key, shown this once',
          querystring: noQuery,
          body: createKeyBody,
          response: { 201: createdKeySchema },
        },
      },
      async (request, reply) => {
        requireInstanceKeyAdmin(request);
        await requireFlagEnvironment(request, request.body.flags_environment);
        const created = await keys.create(
          INSTANCE_TENANT_ID,
          newKeyFromBody(request.body),
          auditContextOf(request),
        );
        return reply.code(201).send({ ...presentApiKey(created.key), secret: created.secret });
      },
    );

    app.get(
      '/v1/api-keys',
      {
        schema: {
          tags: ['api-keys'],
          summary: 'List the instance’s API keys that are not revoked (never their secrets)',
          querystring: noQuery,
          response: { 200: keyList },
        },
      },
      async (request) => {
        requireInstanceKeyAdmin(request);
        return { data: (await keys.list(INSTANCE_TENANT_ID)).map(presentApiKey) };
      },
    );

    app.post(
      '/v1/api-keys/:keyId/rotate',
      {
        schema: {
          tags: ['api-keys'],
          summary: 'Replace an instance API key with a new one of the same settings, shown this once',
          params: keyParams,
          querystring: noQuery,
          body: rotateKeyBody,
          response: { 201: createdKeySchema },
        },
      },
      async (request, reply) => {
        requireInstanceKeyAdmin(request);
        const graceSeconds = request.body?.expire_old_in_seconds ?? 0;
        const created = await keys.rotate(
          INSTANCE_TENANT_ID,
          request.params.keyId,
          { graceSeconds },
          auditContextOf(request),
        );
        return reply.code(201).send({ ...presentApiKey(created.key), secret: created.secret });
      },
    );

    app.delete(
      '/v1/api-keys/:keyId',
      {
        schema: {
          tags: ['api-keys'],
          summary: 'Revoke an instance API key; it stops working on every server at once',
          params: keyParams,
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        requireInstanceKeyAdmin(request);
        await keys.revoke(INSTANCE_TENANT_ID, request.params.keyId, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}

function requireInstanceKeyAdmin(request: FastifyRequest): void {
  const principal = request.principal;
  if (principal?.kind === 'operator') return;
  if (
    principal?.kind === 'api_key' &&
    principal.orgId === INSTANCE_TENANT_ID &&
    principal.scopes.includes('admin')
  )
    return;
  throw new AppError('forbidden', {
    detail: 'Instance API keys are managed by an operator or an instance key with the admin scope',
  });
}

/** A key bound to a flag environment names one that exists (the flags module's environments). */
async function requireFlagEnvironment(
  request: FastifyRequest,
  environment: string | undefined,
): Promise<void> {
  if (environment === undefined) return;
  const environments = await request.server.flags.listEnvironments();
  if (environments.some((known) => known.key === environment)) return;
  throw new AppError('validation_failed', {
    fields: [
      { field: 'flags_environment', location: 'body', message: `no flag environment '${environment}'` },
    ],
  });
}
