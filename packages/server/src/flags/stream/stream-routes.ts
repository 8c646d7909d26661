/**
 * GET /v1/flags/stream: an environment's flag set as Server-Sent Events, for the SDK's local evaluation.
 * The body is a Readable Fastify sends as-is, so the platform's hooks (security headers, request log,
 * rate limits, authentication) apply as to any route. Open streams end when the server closes (SIGTERM
 * drain): each client reconnects, to another process, with Last-Event-ID.
 */
import type { ServerResponse } from 'node:http';
import { finished } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type FlagSetSource, FlagSetStream } from './flag-set-stream.ts';
import { streamEnvironment } from './stream-caller.ts';

export type FlagStreamOptions = {
  /** A comment line this often keeps idle connections (and proxies) open. */
  heartbeatMs?: number;
  /** The reconnect delay announced to EventSource clients. */
  retryMs?: number;
};

const streamQuery = z.strictObject({
  environment: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('The environment, for a key not bound to one (operator keys, instance keys)'),
});

const eventStream = z
  .string()
  .describe(
    '`flag-set` events (id: the flag-set version; data: the whole FlagSet JSON of the environment): ' +
      'one at once unless Last-Event-ID names the current version, then one per change; ' +
      '`: heartbeat` comments every 15 s; an `error` event ({code}) before the stream ends on a failure',
  );

export function flagStreamRoutes(
  flags: FlagSetSource,
  options: FlagStreamOptions = {},
): FastifyPluginAsyncZod {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const retryMs = options.retryMs ?? 1_000;
  return async (app) => {
    const open = new Map<FlagSetStream, ServerResponse>();
    // Before the server stops listening: a response that has ended leaves an idle connection, which
    // server.close() then closes; one still streaming would hold the server open for the grace period.
    app.addHook('preClose', async () => {
      await Promise.all(
        [...open].map(([stream, response]) => {
          stream.close();
          return responseDone(response, CLOSE_WAIT_MS);
        }),
      );
    });

    app.get(
      '/v1/flags/stream',
      {
        schema: {
          tags: ['flags'],
          summary:
            'Stream the environment’s flag set (Server-Sent Events); resume with Last-Event-ID (flags:evaluate)',
          querystring: streamQuery,
          produces: ['text/event-stream'],
          response: { 200: { content: { 'text/event-stream': { schema: eventStream } } } },
        },
      },
      async (request, reply) => {
        const environment = streamEnvironment(request, request.query.environment);
        const stream = new FlagSetStream(
          flags,
          environment,
          resumeVersion(request.headers['last-event-id']),
          {
            heartbeatMs,
            retryMs,
            onError: (error) => request.log.error({ err: error }, 'Flags: a flag-set stream failed'),
          },
        );
        await stream.start();
        // The client may have left while the set was read.
        if (reply.raw.destroyed) stream.close();
        else open.set(stream, reply.raw);
        reply.raw.once('close', () => {
          stream.close();
          open.delete(stream);
        });
        reply
          .type('text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache, no-transform')
          // Reverse proxies (nginx) must pass events on as they come.
          .header('x-accel-buffering', 'no');
        // The schema documents the body as text; Fastify streams a Readable as-is, unserialized.
        return reply.send(stream.body as unknown as string);
      },
    );
  };
}

/** A client that does not read its last bytes is left to the drain's grace period. */
const CLOSE_WAIT_MS = 2_000;

function responseDone(response: ServerResponse, waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    finished(response).then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/** The version a reconnecting client has (its Last-Event-ID), or -1: a new client has none, not even 0. */
function resumeVersion(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : -1;
}
