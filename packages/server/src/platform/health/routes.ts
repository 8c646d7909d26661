import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { ignorePressure } from '../http/load-shedding.ts';

const noQuery = z.strictObject({});

/** Liveness (the process answers) and readiness (the database answers and is migrated). */
export function healthRoutes(database: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: { access: 'public', pressureHandler: ignorePressure },
        schema: {
          tags: ['health'],
          summary: 'Liveness: the process is up',
          querystring: noQuery,
          response: { 200: z.object({ status: z.literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      {
        config: { access: 'public' },
        schema: {
          tags: ['health'],
          summary: 'Readiness: the database is reachable and fully migrated',
          querystring: noQuery,
          response: {
            200: z.object({
              status: z.literal('ready'),
              database: z.enum(['pglite', 'postgres']),
              migrations: z.object({ applied: z.number().int(), expected: z.number().int() }),
            }),
          },
        },
      },
      async () => {
        let state: Awaited<ReturnType<Database['migrationState']>>;
        try {
          state = await database.migrationState();
        } catch (error) {
          throw new AppError('not_ready', { detail: 'The database is not reachable', cause: error });
        }
        if (!state.current) {
          throw new AppError('not_ready', {
            detail: `Migrations are not current: ${state.applied} of ${state.expected} applied`,
          });
        }
        return {
          status: 'ready' as const,
          database: database.backend,
          migrations: { applied: state.applied, expected: state.expected },
        };
      },
    );
  };
}
