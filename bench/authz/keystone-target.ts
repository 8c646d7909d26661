/**
 * The full Keystone stack as `npm start` builds it (createServer on DATABASE_URL, a PostgreSQL
 * server's throwaway database), for `npm run bench:authz`. It announces its port and the operator
 * key (fresh KEYSTONE_DATA_DIR), with which the runner makes an organization and its fga:write key.
 * Logs at LOG_LEVEL go to /dev/null through the production log destination.
 */
import { loadConfig } from '../../packages/server/src/platform/config/config.ts';
import { logDestination } from '../../packages/server/src/platform/logging/log-destination.ts';
import { createServer } from '../../packages/server/src/server.ts';
import { announceTarget, answerCpuQueries } from '../http-overhead/target-protocol.ts';

const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0' });
const logStream = logDestination('/dev/null') as unknown as NodeJS.WritableStream;
const server = await createServer(config, { logStream });
await server.app.listen({ host: config.host, port: config.port });

const key = server.operatorKey.plaintext;
if (!key) throw new Error('no operator key plaintext: the bench needs a fresh KEYSTONE_DATA_DIR');
const address = server.app.server.address();
answerCpuQueries();
announceTarget({
  port: typeof address === 'object' && address ? address.port : 0,
  path: '/fga',
  headers: { 'x-keystone-key': key },
});
process.on('SIGTERM', () => {
  server.close().then(() => process.exit(0));
});
