import type { FastifyInstance } from 'fastify';
import { responseTraceparent } from './trace-context.ts';

/** Echoes the request's trace back: `traceparent` and `X-Request-Id` on every response. */
export function registerRequestContext(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const incoming = request.headers.traceparent;
    reply.header('x-request-id', request.id);
    reply.header(
      'traceparent',
      responseTraceparent(request.id, typeof incoming === 'string' ? incoming : undefined),
    );
    done();
  });
}
