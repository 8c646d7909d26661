/**
 * The full Keystone stack as `npm start` builds it (createServer on embedded
 * PGlite in KEYSTONE_DATA_DIR), for `npm run bench:sign-in`. The runner signs
 * up its users over HTTP, then sends sign-ins to the announced path. Logs at
 * LOG_LEVEL go to /dev/null through the production log destination.
 */
import { loadConfig } from '../../packages/server/src/platform/config/config.ts';
import { logDestination } from '../../packages/server/src/platform/logging/log-destination.ts';
import { createServer } from '../../packages/server/src/server.ts';
import { announceTarget, answerCpuQueries } from '../http-overhead/target-protocol.ts';

const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0' });
const logStream = logDestination('/dev/null') as unknown as NodeJS.WritableStream;
const server = await createServer(config, { logStream });
await server.app.listen({ host: config.host, port: config.port });

const address = server.app.server.address();
answerCpuQueries();
announceTarget({
  port: typeof address === 'object' && address ? address.port : 0,
  path: '/v1/auth/sign-in',
  headers: { 'content-type': 'application/json' },
});
process.on('SIGTERM', () => {
  server.close().then(() => process.exit(0));
});
