import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ExtraPluginOptions } from '../../../src/app.ts';
import { newId } from '../../../src/platform/ids.ts';

/**
 * Test-only routes with a real side effect for the Idempotency-Key layer: each
 * POST inserts a row into `probe_idempotency_things`, so a test counts how many
 * times a request really ran. In-process tests can hold a request at a gate
 * (to catch it in progress) or make the next request for a name fail with 500.
 */
type Gate = { opened: Promise<void>; arrive(): void };
const gates = new Map<string, Gate>();
const failures = new Set<string>();

export const idempotencyProbeControl = {
  /**
   * Requests naming `gate` wait at it (before their side effect): `arrived(n)`
   * settles once n requests are waiting, `release()` lets them all on.
   */
  hold(gate: string): { arrived(count: number): Promise<void>; release(): void } {
    let open = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    let count = 0;
    const waiters: { count: number; resolve(): void }[] = [];
    gates.set(gate, {
      opened,
      arrive() {
        count++;
        for (const waiter of waiters) if (waiter.count <= count) waiter.resolve();
      },
    });
    return {
      arrived: (n) =>
        n <= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count: n, resolve })),
      release() {
        gates.delete(gate);
        open();
      },
    };
  },
  /** The next request creating `name` throws (500) before its side effect. */
  failOnce(name: string): void {
    failures.add(name);
  },
};

const thing = z.object({ id: z.string(), name: z.string() });

export const idempotencyProbes: FastifyPluginAsyncZod<ExtraPluginOptions> = async (app, { database }) => {
  const owner = await database.ownerRunner();
  try {
    // Servers starting together race on CREATE TABLE IF NOT EXISTS (not atomic in PostgreSQL):
    // one transaction under an advisory lock makes the second wait and then find the table.
    await owner.exec(`BEGIN;
      SELECT pg_advisory_xact_lock(7002);
      CREATE TABLE IF NOT EXISTS probe_idempotency_things (
        id text PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT clock_timestamp());
      GRANT SELECT, INSERT, DELETE ON probe_idempotency_things TO keystone_app;
      COMMIT;`);
  } finally {
    await owner.close();
  }

  app.post(
    '/probe/idempotency/things',
    {
      config: { access: 'public' },
      schema: {
        querystring: z.strictObject({}),
        body: z.strictObject({ name: z.string().min(1), gate: z.string().optional() }),
        response: { 201: thing },
      },
    },
    async (request, reply) => {
      const { name, gate } = request.body;
      const held = gate ? gates.get(gate) : undefined;
      if (held) {
        held.arrive();
        await held.opened;
      }
      if (failures.delete(name)) throw new Error('probe failure before the side effect');
      const id = newId('thing');
      await sql`INSERT INTO probe_idempotency_things (id, name) VALUES (${id}, ${name})`.execute(
        database.kysely,
      );
      return reply.code(201).header('location', `/probe/idempotency/things/${id}`).send({ id, name });
    },
  );

  app.delete(
    '/probe/idempotency/things/:id',
    {
      config: { access: 'public' },
      schema: {
        params: z.strictObject({ id: z.string() }),
        querystring: z.strictObject({}),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await sql`DELETE FROM probe_idempotency_things WHERE id = ${request.params.id}`.execute(
        database.kysely,
      );
      return reply.code(204).send(null);
    },
  );
};
