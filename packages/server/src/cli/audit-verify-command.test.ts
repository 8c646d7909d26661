import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { pgliteTemplate } from '../../test/support/pglite-template.ts';
import { createPostgresDatabase, testBackend } from '../../test/support/test-database.ts';
import { appendAuditEntry } from '../platform/audit/index.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';
import { withTenant } from '../platform/db/tenant-scope.ts';
import { newId } from '../platform/ids.ts';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli.ts');

// Each run starts a process that opens the database (PGlite from its files): slow on a busy machine.
const slow = { timeout: 300_000 };

/** `keystone audit verify` as an operator runs it: a child process on the configured database. */
describe('keystone audit verify', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let open: () => Promise<Database>;
  const intact = newId('org');
  const tampered = newId('org');

  before(async () => {
    if (testBackend === 'postgres') {
      const created = await createPostgresDatabase();
      env = { DATABASE_URL: created.url };
      open = () => openDatabase({ databaseUrl: created.url, poolSize: 2 });
      cleanup = created.drop;
    } else {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-cli-audit-'));
      const pgdata = path.join(dataDir, 'pgdata');
      env = { KEYSTONE_DATA_DIR: dataDir };
      const template = await pgliteTemplate();
      let first = true;
      open = async () => {
        const loadDataDir = first ? template : undefined;
        first = false;
        return openDatabase({ dataDir: pgdata, loadDataDir });
      };
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
    const database = await open();
    try {
      for (const orgId of [intact, tampered]) {
        for (let i = 0; i < 4; i++) {
          await withTenant(database, orgId, (scope) =>
            appendAuditEntry(scope, { actor: { type: 'system', id: null }, action: 'probe.recorded' }),
          );
        }
      }
    } finally {
      await database.close();
    }
  }, slow);
  after(() => cleanup());

  function run(...args: string[]): Promise<{ code: number | null; out: string }> {
    const { DATABASE_URL: _url, KEYSTONE_DATA_DIR: _dir, ...inherited } = process.env;
    const child = spawn(process.execPath, [cli, 'audit', 'verify', ...args], {
      env: { ...inherited, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
  }

  it('exits 0 when the chains hold', slow, async () => {
    const one = await run(intact);
    assert.equal(one.code, 0, one.out);
    assert.match(one.out, new RegExp(`${intact}: ok \\(4 entries`));
    const all = await run('--all');
    assert.equal(all.code, 0, all.out);
    assert.match(all.out, /2 chain\(s\) verified, 0 broken/);
  });

  it('exits 1 and names the first broken seq when a chain was tampered with', slow, async () => {
    const database = await open();
    const owner = await database.ownerRunner();
    try {
      await owner.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await owner.query('DELETE FROM audit_log WHERE org_id = $1 AND seq = 3', [tampered]);
      await owner.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
    } finally {
      await owner.close();
      await database.close();
    }
    const one = await run(tampered);
    assert.equal(one.code, 1, one.out);
    assert.match(one.out, new RegExp(`${tampered}: BROKEN at seq 3 \\(entry aud_\\w+\\): sequence_gap`));
    const all = await run('--all');
    assert.equal(all.code, 1, all.out);
    assert.match(all.out, new RegExp(`${intact}: ok`));
    assert.match(all.out, new RegExp(`${tampered}: BROKEN at seq 3`));
    assert.match(all.out, /2 chain\(s\) verified, 1 broken/);
  });

  it('exits 2 on a usage error', async () => {
    const none = await run();
    assert.equal(none.code, 2);
    assert.match(none.out, /usage: keystone audit verify/);
    assert.equal((await run('--every')).code, 2);
  });
});
