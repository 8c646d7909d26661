import { type Config, ConfigError, loadConfig } from './platform/config/config.ts';
import { createServer, type Server } from './server.ts';

/** `npm start`: configuration, database, migrations, demo data, then listen until SIGTERM. */
let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`keystone: ${error.message}\n`);
  process.exit(1);
}

let server: Server;
try {
  server = await createServer(config);
  await server.app.listen({ host: config.host, port: config.port });
} catch (error) {
  process.stderr.write(`keystone: could not start: ${(error as Error).message}\n`);
  process.exit(1);
}

const address = server.app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
const lines = [
  '',
  `Keystone is listening on ${base}`,
  `  database   ${server.database.backend === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  `  API docs   ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
  `  health     ${base}/healthz   ${base}/readyz`,
];
// Where mail goes: the SMTP server (never its credentials), or the outbox page and how to open it.
const outboxKey = server.operatorKey.plaintext ?? '<operator key>';
lines.push(
  config.mail.smtpUrl
    ? `  mail       sent over SMTP to ${new URL(config.mail.smtpUrl).host}`
    : `  mail       is kept in the outbox: ${base}/dev/outbox?key=${outboxKey}`,
);
if (server.operatorKey.plaintext) {
  lines.push(`  operator key (demo credential): ${server.operatorKey.plaintext}`);
  if (server.demo) {
    lines.push(`  demo organization: ${server.demo.orgId} (the demo user owns it)`);
    lines.push(
      `    try: curl -H 'X-Keystone-Key: ${server.operatorKey.plaintext}' ${base}/v1/organizations/${server.demo.orgId}/audit-log`,
    );
    if (server.demoAccessStoreId) {
      lines.push(
        `  demo access store: ${server.demoAccessStoreId} (document sharing; with a key of the org: docs/access.md)`,
      );
    }
  }
}
// The instance admin key is printed only by the start that made it: Keystone keeps just its hash.
if (server.adminKey.source === 'created') {
  lines.push(`  instance admin key (shown once, store it now): ${server.adminKey.plaintext}`);
  lines.push(`    try: curl -H 'Authorization: Bearer ${server.adminKey.plaintext}' ${base}/v1/api-keys`);
} else if (server.adminKey.source === 'env') {
  lines.push('  instance admin key: KEYSTONE_ADMIN_KEY');
}
if (server.demoUser) {
  const { email, password } = server.demoUser;
  lines.push(`  demo user: ${email}  password: ${password}`);
  lines.push(
    `    try: curl -H 'content-type: application/json' -d '${JSON.stringify({ email, password })}' ${base}/v1/auth/sign-in`,
  );
}
process.stdout.write(`${lines.join('\n')}\n\n`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.app.log.info({ signal }, 'draining and shutting down');
    server.close().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`keystone: unclean shutdown: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  });
}
