import type { FastifyInstance } from 'fastify';

/**
 * On close (SIGTERM), Fastify stops accepting connections and answers new
 * requests 503; requests already running finish. Their keep-alive connections
 * would then hold the server open, so responses sent while draining carry
 * `Connection: close`. A request still running after the grace period is cut.
 */
export function registerGracefulDrain(app: FastifyInstance, graceMs = 25_000): void {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
    setTimeout(() => app.server.closeAllConnections(), graceMs).unref();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });
}
