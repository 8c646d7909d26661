/**
 * A real Keystone server process with the test probes mounted, for tests that
 * need several processes, signals or restarts. Configured by environment like
 * `npm start`; prints `KEYSTONE_TEST_LISTENING <port>` once it accepts requests.
 */
import { loadConfig } from '../../src/platform/config/config.ts';
import { createServer } from '../../src/server.ts';
import { allProbes } from './probes/index.ts';

const config = loadConfig();
const server = await createServer(config, { plugins: allProbes });
await server.app.listen({ host: config.host, port: config.port });
const address = server.app.server.address();
process.stdout.write(
  `KEYSTONE_TEST_LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`,
);

process.on('SIGTERM', () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
