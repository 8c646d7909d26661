/**
 * The full Keystone stack as `npm start` builds it (createServer on embedded
 * PGlite in KEYSTONE_DATA_DIR), plus the test probe `GET /probe/whoami`, called
 * with the operator key. Logs at LOG_LEVEL (info from the runner) go to
 * /dev/null through the production log destination, so their cost is counted
 * without flooding the terminal.
 */
import { loadConfig } from '../../packages/server/src/platform/config/config.ts';
import { logDestination } from '../../packages/server/src/platform/logging/log-destination.ts';
import { createServer } from '../../packages/server/src/server.ts';
import { basicProbes } from '../../packages/server/test/support/probes/basic-probes.ts';
import { announceTarget, answerCpuQueries } from './target-protocol.ts';

const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0' });
// The production destination (logging/log-destination.ts), aimed at /dev/null.
const logStream = logDestination('/dev/null') as unknown as NodeJS.WritableStream;
const server = await createServer(config, { plugins: [basicProbes], logStream });
await server.app.listen({ host: config.host, port: config.port });

const key = server.operatorKey.plaintext;
if (!key) throw new Error('no operator key plaintext: the bench needs a fresh KEYSTONE_DATA_DIR');
const address = server.app.server.address();
answerCpuQueries();
announceTarget({
  port: typeof address === 'object' && address ? address.port : 0,
  path: '/probe/whoami',
  headers: { 'x-keystone-key': key },
});
process.on('SIGTERM', () => {
  server.close().then(() => process.exit(0));
});
