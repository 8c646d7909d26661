import { openDatabase } from '../platform/db/database.ts';
import type { CliCommand } from './command.ts';

/** Applies pending migrations and exits (the server also does this on start). */
export const migrateCommand: CliCommand = {
  name: ['migrate'],
  summary: 'apply pending database migrations',
  async run(_args, { config, out }) {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: `${config.dataDir}/pgdata`,
    });
    const state = await database.migrationState();
    await database.close();
    out(`migrations applied: ${state.applied} of ${state.expected}`);
    return state.current ? 0 : 1;
  },
};
