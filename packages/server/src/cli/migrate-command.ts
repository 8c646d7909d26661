import type { CliCommand } from './command.ts';
import { openCliDatabase } from './open-database.ts';

/** Applies pending migrations and exits (the server also does this on start). */
export const migrateCommand: CliCommand = {
  name: ['migrate'],
  summary: 'apply pending database migrations',
  async run(_args, { config, out }) {
    const database = await openCliDatabase(config);
    const state = await database.migrationState();
    await database.close();
    out(`migrations applied: ${state.applied} of ${state.expected}`);
    return state.current ? 0 : 1;
  },
};
