import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ExtraPluginOptions } from '../../../src/app.ts';
import { AppError } from '../../../src/platform/errors/app-error.ts';
import { newId } from '../../../src/platform/ids.ts';

/**
 * Test-only routes for the server lifecycle: an acknowledged write (notes) to
 * check durability across SIGKILL, and a slow request to check SIGTERM drains.
 * The probe table is created here, as the owner, because the app role cannot.
 */
export const durabilityProbes: FastifyPluginAsyncZod<ExtraPluginOptions> = async (app, { database }) => {
  const owner = await database.ownerRunner();
  try {
    // Servers starting together race on CREATE TABLE IF NOT EXISTS (it is not atomic in PostgreSQL):
    // one transaction under an advisory lock makes the second wait and then find the table.
    await owner.exec(`BEGIN;
      SELECT pg_advisory_xact_lock(7001);
      CREATE TABLE IF NOT EXISTS probe_notes (id text PRIMARY KEY, body text NOT NULL);
      GRANT SELECT, INSERT ON probe_notes TO keystone_app;
      COMMIT;`);
  } finally {
    await owner.close();
  }

  app.post(
    '/probe/notes',
    {
      config: { access: 'public' },
      schema: {
        querystring: z.strictObject({}),
        body: z.strictObject({ body: z.string().min(1) }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const id = newId('note');
      await sql`INSERT INTO probe_notes (id, body) VALUES (${id}, ${request.body.body})`.execute(
        database.kysely,
      );
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/probe/notes/:id',
    {
      config: { access: 'public' },
      schema: {
        params: z.strictObject({ id: z.string() }),
        querystring: z.strictObject({}),
        response: { 200: z.object({ id: z.string(), body: z.string() }) },
      },
    },
    async (request) => {
      const { rows } = await sql<{ id: string; body: string }>`
        SELECT id, body FROM probe_notes WHERE id = ${request.params.id}`.execute(database.kysely);
      if (!rows[0]) throw new AppError('not_found');
      return rows[0];
    },
  );

  app.get(
    '/probe/slow',
    {
      config: { access: 'public' },
      schema: {
        querystring: z.strictObject({ ms: z.coerce.number().int().min(0).max(30_000) }),
        response: { 200: z.object({ waited: z.number() }) },
      },
    },
    async (request) => {
      await new Promise((resolve) => setTimeout(resolve, request.query.ms));
      return { waited: request.query.ms };
    },
  );
};
