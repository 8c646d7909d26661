import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadMigrations, migrate } from '../../src/platform/db/migrator.ts';
import { pgliteRunner } from '../../src/platform/db/sql-runner.ts';

/**
 * A migrated PGlite data directory, dumped once per set of migrations and loaded
 * by each test: a fresh, isolated database in about a second instead of an initdb.
 */
export async function pgliteTemplate(): Promise<Blob> {
  const migrations = loadMigrations();
  const key = createHash('sha256')
    .update(migrations.map((m) => m.checksum).join(','))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(os.tmpdir(), `keystone-pglite-template-${key}.tar.gz`);
  if (!existsSync(file)) {
    const pglite = await PGlite.create('memory://');
    await migrate(pgliteRunner(pglite), migrations);
    const dump = await pglite.dumpDataDir('gzip');
    await pglite.close();
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  return new Blob([readFileSync(file)]);
}
