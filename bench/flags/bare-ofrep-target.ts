/**
 * The OFREP baseline: bare Fastify (defaults, no logger, no plugins) answering
 * POST /ofrep/v1/evaluate/flags/:key with a fixed body shaped like Keystone's OFREP answer.
 * Prints `BENCH_TARGET {json}` once it listens; exits on SIGTERM.
 */
import Fastify from 'fastify';
import { announceTarget, answerCpuQueries } from '../http-overhead/target-protocol.ts';

const answer = {
  key: 'banner',
  reason: 'SPLIT',
  variant: 'green',
  value: 'G',
  metadata: { flagSetVersion: 2, flagVersion: 1 },
};
const app = Fastify();
app.post('/ofrep/v1/evaluate/flags/:key', async () => answer);
await app.listen({ host: '127.0.0.1', port: 0 });

const address = app.server.address();
answerCpuQueries();
announceTarget({
  port: typeof address === 'object' && address ? address.port : 0,
  path: '/ofrep/v1/evaluate/flags/banner',
  headers: {},
});
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0));
});
