/**
 * `npm test` (after type-check and lint): the whole suite once on embedded
 * PGlite and once on the PostgreSQL server. Tests that do not touch the
 * database (`*.unit.test.ts`, `*.browser.test.ts`) run in the first pass only. Under CI a missing PostgreSQL fails the run;
 * elsewhere that pass is skipped with a warning.
 *
 *   node test/run.ts [file filter...]
 */
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { POSTGRES_ADMIN_URL } from './support/test-database.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const all = globSync(['src/**/*.test.ts', 'test/**/*.test.ts'], { cwd: root })
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
const onlyBackend = process.env.KEYSTONE_TEST_BACKEND;

async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function runPass(backend: 'pglite' | 'postgres', files: string[]): boolean {
  if (files.length === 0) return true;
  process.stdout.write(`\n== ${backend}: ${files.length} test files ==\n`);
  const result = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=3', '--test-timeout=120000', '--test-reporter=spec', ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, KEYSTONE_TEST_BACKEND: backend } },
  );
  return result.status === 0;
}

let ok = true;
if (!onlyBackend || onlyBackend === 'pglite') ok = runPass('pglite', all) && ok;
if (!onlyBackend || onlyBackend === 'postgres') {
  if (await postgresAvailable()) {
    ok =
      runPass(
        'postgres',
        all.filter((f) => !f.endsWith('.unit.test.ts') && !f.endsWith('.browser.test.ts')),
      ) && ok;
  } else if (process.env.CI) {
    process.stderr.write(`PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}; CI needs it.\n`);
    ok = false;
  } else {
    process.stderr.write(
      `warning: PostgreSQL not reachable at ${POSTGRES_ADMIN_URL}; skipped the PostgreSQL pass\n`,
    );
  }
}
process.exit(ok ? 0 : 1);
