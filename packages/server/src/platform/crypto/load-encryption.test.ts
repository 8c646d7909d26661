import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createPostgresDatabase, testBackend } from '../../../test/support/test-database.ts';
import { createServer } from '../../server.ts';
import { loadConfig } from '../config/config.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { newId } from '../ids.ts';
import { kekFromBase64, masterKeyFile } from './master-key.ts';

/** The master key at server start: generated once with a warning, then read back; a wrong one refuses to start. */
describe('master key at server start', () => {
  let dataDir: string;
  let databaseUrl: string | undefined;
  let drop = async () => {};
  const orgId = newId('org');
  const field = 'users.totp_secret:usr_1';
  let ciphertext: string;

  const start = async (env: Record<string, string> = {}) => {
    const logs = new PassThrough();
    let output = '';
    logs.on('data', (chunk) => {
      output += chunk;
    });
    const config = loadConfig({
      KEYSTONE_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...env,
    });
    const server = await createServer(config, { logStream: logs });
    return { server, logs: () => output };
  };

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-kek-start-'));
    if (testBackend === 'postgres') {
      const created = await createPostgresDatabase();
      databaseUrl = created.url;
      drop = created.drop;
    }
  });
  after(async () => {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates master.key (mode 0600) on first start and warns to back it up', async () => {
    const { server, logs } = await start();
    try {
      assert.equal(server.masterKey.source, 'generated');
      const file = masterKeyFile(dataDir);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.match(logs(), /back it up/);
      assert.match(logs(), /KEYSTONE_MASTER_KEY/);
      ciphertext = await withTenant(server.database, orgId, (scope) =>
        server.encryption.encryptField(scope, { field, value: 'seed' }),
      );
    } finally {
      await server.close();
    }
  });

  it('reads the same key back on the next start and decrypts what it wrote', async () => {
    const { server, logs } = await start();
    try {
      assert.equal(server.masterKey.source, 'file');
      assert.doesNotMatch(logs(), /back it up/);
      // Beside a shared PostgreSQL a file key is still flagged: every server needs the same key.
      if (databaseUrl) assert.match(logs(), /set KEYSTONE_MASTER_KEY/);
      const value = await withTenant(server.database, orgId, (scope) =>
        server.encryption.decryptField(scope, { field, ciphertext }),
      );
      assert.equal(value, 'seed');
    } finally {
      await server.close();
    }
  });

  it('refuses to start with a master key that did not wrap the stored data keys', async () => {
    const other = randomBytes(32).toString('base64');
    await assert.rejects(start({ KEYSTONE_MASTER_KEY: other }), /wrapped by master key .* holds/);
  });

  it('refuses to start, and writes no new key, when master.key was lost', async () => {
    const file = masterKeyFile(dataDir);
    const kept = kekFromBase64(readFileSync(file, 'utf8'), file);
    rmSync(file);
    await assert.rejects(
      start(),
      new RegExp(`wrapped by master key ${kept.id}, but no master key was found`),
    );
    assert.equal(existsSync(file), false);
    // The same key given through the environment works.
    const { server } = await start({ KEYSTONE_MASTER_KEY: kept.key.toString('base64') });
    assert.equal(server.masterKey.source, 'env');
    assert.equal(server.masterKey.warning, undefined);
    await server.close();
  });
});
