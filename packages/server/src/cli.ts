/**
 * The operator CLI: `npm run keystone -- <command> [args]`. Reads the same
 * environment as the server (DATABASE_URL, KEYSTONE_DATA_DIR, KEYSTONE_MASTER_KEY).
 */
import { commands } from './cli/commands.ts';
import { ConfigError, loadConfig } from './platform/config/config.ts';

const argv = process.argv.slice(2);
const command = commands
  .filter((c) => c.name.every((word, i) => argv[i] === word))
  .sort((a, b) => b.name.length - a.name.length)[0];

if (!command) {
  process.stdout.write('usage: keystone <command> [args]\n\n');
  for (const c of commands) process.stdout.write(`  ${c.name.join(' ').padEnd(20)} ${c.summary}\n`);
  process.exit(argv.length === 0 || argv[0] === 'help' ? 0 : 2);
}

try {
  const config = loadConfig();
  const code = await command.run(argv.slice(command.name.length), {
    config,
    out: (line) => process.stdout.write(`${line}\n`),
  });
  process.exit(code);
} catch (error) {
  const message = error instanceof ConfigError ? error.message : (error as Error).message;
  process.stderr.write(`keystone: ${message}\n`);
  process.exit(1);
}
