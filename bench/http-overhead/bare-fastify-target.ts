/**
 * The baseline: a bare Fastify hello-world (defaults, no logger, no plugins).
 * Prints `BENCH_TARGET {json}` once it listens; exits on SIGTERM.
 */
import Fastify from 'fastify';
import { announceTarget, answerCpuQueries } from './target-protocol.ts';

const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });

const address = app.server.address();
answerCpuQueries();
announceTarget({ port: typeof address === 'object' && address ? address.port : 0, path: '/', headers: {} });
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0));
});
