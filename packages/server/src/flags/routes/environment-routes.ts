import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit/index.ts';
import type { FlagService } from '../service/flag-service.ts';
import { requireFlagAdmin } from './flag-caller.ts';
import { presentEnvironment } from './present.ts';
import {
  environmentBody,
  environmentList,
  environmentParams,
  environmentResponse,
  noContent,
  noQuery,
} from './schemas.ts';

/** The instance's flag environments (development, staging and production from the start). */
export function environmentRoutes(flags: FlagService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/flag-environments',
      {
        schema: {
          tags: ['flags'],
          summary: 'List the flag environments',
          querystring: noQuery,
          response: { 200: environmentList },
        },
      },
      async (request) => {
        requireFlagAdmin(request);
        return { data: (await flags.listEnvironments()).map(presentEnvironment) };
      },
    );

    app.post(
      '/v1/flag-environments',
      {
        schema: {
          tags: ['flags'],
          summary: 'Add a flag environment',
          querystring: noQuery,
          body: environmentBody,
          response: { 201: environmentResponse },
        },
      },
      async (request, reply) => {
        requireFlagAdmin(request);
        const { key, name } = request.body;
        const created = await flags.createEnvironment(key, name, auditContextOf(request));
        return reply.code(201).send(presentEnvironment(created));
      },
    );

    app.delete(
      '/v1/flag-environments/:key',
      {
        schema: {
          tags: ['flags'],
          summary: 'Remove a flag environment (refused, naming the flags, while a flag configures it)',
          params: environmentParams,
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        requireFlagAdmin(request);
        await flags.deleteEnvironment(request.params.key, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}
