import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlRunner } from './sql-runner.ts';

/**
 * Forward-only SQL migrations: `migrations/<number>_<module>_<change>.sql`, the
 * same files for PGlite and PostgreSQL. Each is checksummed when applied; an
 * applied file that later changes stops the server. All of it runs under one
 * advisory lock, so processes starting together apply each migration once.
 */
export type Migration = { version: number; name: string; sql: string; checksum: string };

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// An arbitrary constant naming "the Keystone migration lock" among advisory locks.
const MIGRATION_LOCK_KEY = 7_310_245_001;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new MigrationError(`migration file ${file} is not named <4 digits>_<name>.sql`);
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2] as string,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (migrations[i - 1]?.version === m.version) {
      throw new MigrationError(`two migrations are numbered ${pad(m.version)}`);
    }
    // A gap means a missing file: refuse rather than skip it.
    if (m.version !== i + 1)
      throw new MigrationError(`migrations must be numbered 1..n; ${pad(i + 1)} is missing`);
  });
  return migrations;
}

type AppliedRow = { version: number; name: string; checksum: string };

export async function migrate(
  runner: SqlRunner,
  migrations = loadMigrations(),
): Promise<{ applied: number[] }> {
  await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await runner.exec(`CREATE TABLE IF NOT EXISTS keystone_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = await runner.query<AppliedRow>(
      'SELECT version, name, checksum FROM keystone_migrations ORDER BY version',
    );
    checkApplied(applied, migrations);
    const done = new Set(applied.map((row) => row.version));
    const newlyApplied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await applyOne(runner, migration);
      newlyApplied.push(migration.version);
    }
    return { applied: newlyApplied };
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

/**
 * Roles are shared by every database of a server: two databases migrating at
 * once (test runs, several tenants' instances) can both alter `keystone_app`,
 * and PostgreSQL then fails one with "tuple concurrently updated". The
 * migration's transaction rolled back whole, so it is simply run again.
 */
const CONCURRENT_CATALOG_UPDATE = /tuple concurrently (updated|deleted)/;
const MIGRATION_ATTEMPTS = 5;

async function applyOne(runner: SqlRunner, migration: Migration): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await runner.exec('BEGIN');
    try {
      await runner.exec(migration.sql);
      await runner.query('INSERT INTO keystone_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      await runner.exec('COMMIT');
      return;
    } catch (error) {
      await runner.exec('ROLLBACK');
      const message = (error as Error).message;
      if (attempt < MIGRATION_ATTEMPTS && CONCURRENT_CATALOG_UPDATE.test(message)) {
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * attempt));
        continue;
      }
      throw new MigrationError(`migration ${pad(migration.version)}_${migration.name} failed: ${message}`);
    }
  }
}

function checkApplied(applied: AppliedRow[], migrations: Migration[]): void {
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) {
      throw new MigrationError(
        `the database has migration ${pad(row.version)}_${row.name}, which this build lacks`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(`migration ${pad(row.version)}_${row.name} was edited after it was applied`);
    }
  }
}

const pad = (n: number) => String(n).padStart(4, '0');
