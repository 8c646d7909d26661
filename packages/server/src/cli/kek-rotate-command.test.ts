import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createPostgresDatabase, testBackend } from '../../test/support/test-database.ts';
import { type Config, loadConfig } from '../platform/config/config.ts';
import { rewrapAllDataKeys } from '../platform/crypto/kek-rotation.ts';
import { loadEnvelopeEncryption } from '../platform/crypto/load-encryption.ts';
import {
  generateKek,
  kekFromBase64,
  masterKeyFile,
  writeMasterKeyFile,
} from '../platform/crypto/master-key.ts';
import { withTenant } from '../platform/db/tenant-scope.ts';
import { newId } from '../platform/ids.ts';
import { runKekRotate } from './kek-rotate-command.ts';
import { openCliDatabase } from './open-database.ts';

/**
 * `keystone kek rotate` end to end, as an operator runs it: on the PGlite pass in
 * embedded mode (master.key in the data directory), on the PostgreSQL pass with
 * DATABASE_URL and KEYSTONE_MASTER_KEY.
 */
describe('keystone kek rotate', () => {
  let dataDir: string;
  let databaseUrl: string | undefined;
  let drop = async () => {};
  const orgs = [newId('org'), newId('org')];
  const stored: { orgId: string; field: string; ciphertext: string; value: string }[] = [];

  const configWith = (env: Record<string, string> = {}): Config =>
    loadConfig({ KEYSTONE_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...env });

  /** Opens the database as the server would (master key check included), runs `work`, closes. */
  async function withEncryption<T>(
    config: Config,
    work: (
      e: Awaited<ReturnType<typeof loadEnvelopeEncryption>>,
      db: Awaited<ReturnType<typeof openCliDatabase>>,
    ) => Promise<T>,
  ): Promise<T> {
    const database = await openCliDatabase(config);
    try {
      return await work(await loadEnvelopeEncryption(database, config), database);
    } finally {
      await database.close();
    }
  }

  async function encryptSome(config: Config): Promise<string> {
    return withEncryption(config, async ({ encryption, masterKey }, database) => {
      for (const orgId of orgs) {
        const field = `users.totp_secret:${newId('usr')}`;
        const value = randomBytes(10).toString('hex');
        const ciphertext = await withTenant(database, orgId, (s) =>
          encryption.encryptField(s, { field, value }),
        );
        stored.push({ orgId, field, ciphertext, value });
      }
      return masterKey.kekId;
    });
  }

  async function decryptAll(config: Config): Promise<string> {
    return withEncryption(config, async ({ encryption, masterKey }, database) => {
      for (const s of stored) {
        const value = await withTenant(database, s.orgId, (scope) =>
          encryption.decryptField(scope, { field: s.field, ciphertext: s.ciphertext }),
        );
        assert.equal(value, s.value);
      }
      return masterKey.kekId;
    });
  }

  async function rotate(args: string[], env: NodeJS.ProcessEnv = {}, config = configWith()): Promise<string> {
    const lines: string[] = [];
    assert.equal(await runKekRotate(args, { config, out: (l) => lines.push(l) }, env), 0);
    return lines.join('\n');
  }

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-kek-cli-'));
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

  if (testBackend === 'pglite') {
    it('embedded: generates a new key, re-wraps, and replaces master.key', async () => {
      const oldId = await encryptSome(configWith());
      const oldKey = readFileSync(masterKeyFile(dataDir), 'utf8');
      const output = await rotate([]);
      const newKek = kekFromBase64(readFileSync(masterKeyFile(dataDir), 'utf8'), 'master.key');
      assert.notEqual(newKek.id, oldId);
      assert.match(
        output,
        new RegExp(`re-wrapped 2 data keys of 2 organizations from master key ${oldId} to ${newKek.id}`),
      );
      assert.equal(existsSync(`${masterKeyFile(dataDir)}.new`), false);
      assert.equal(await decryptAll(configWith()), newKek.id);
      await assert.rejects(
        decryptAll(configWith({ KEYSTONE_MASTER_KEY: oldKey.trim() })),
        /wrapped by master key/,
      );
    });

    it('embedded: an interrupted rotation stops the server with advice, and running it again finishes', async () => {
      const current = kekFromBase64(readFileSync(masterKeyFile(dataDir), 'utf8'), 'master.key');
      const next = generateKek();
      // What a crash between the database commit and the file rename leaves behind.
      writeMasterKeyFile(`${masterKeyFile(dataDir)}.new`, next);
      const database = await openCliDatabase(configWith());
      await rewrapAllDataKeys(database, current, next);
      await database.close();
      await assert.rejects(
        decryptAll(configWith()),
        /interrupted "kek rotate".*run "keystone kek rotate" again/,
      );
      const output = await rotate([]);
      assert.match(output, /re-wrapped 0 data keys .*\(2 already were\)/);
      assert.equal(await decryptAll(configWith()), next.id);
    });
  } else {
    it('DATABASE_URL with KEYSTONE_MASTER_KEY: needs the new key given, then re-wraps', async () => {
      const oldKey = randomBytes(32).toString('base64');
      const withOld = configWith({ KEYSTONE_MASTER_KEY: oldKey });
      const oldId = await encryptSome(withOld);
      await assert.rejects(rotate([], {}, withOld), /--new-key-file <file> or KEYSTONE_NEW_MASTER_KEY/);
      await assert.rejects(rotate(['--bogus'], {}, withOld), /unknown argument --bogus/);

      const newKey = randomBytes(32).toString('base64');
      const keyFile = path.join(dataDir, 'new.key');
      writeFileSync(keyFile, newKey, { mode: 0o600 });
      const output = await rotate(['--new-key-file', keyFile], {}, withOld);
      const newId_ = kekFromBase64(newKey, 'new key').id;
      assert.match(output, new RegExp(`from master key ${oldId} to ${newId_}`));
      assert.match(output, /set KEYSTONE_MASTER_KEY to the new key/);
      assert.equal(existsSync(masterKeyFile(dataDir)), false, 'env mode writes no key file');
      await assert.rejects(decryptAll(withOld), /wrapped by master key/);
      assert.equal(await decryptAll(configWith({ KEYSTONE_MASTER_KEY: newKey })), newId_);

      // And once more, the new key from KEYSTONE_NEW_MASTER_KEY.
      const newest = randomBytes(32).toString('base64');
      await rotate([], { KEYSTONE_NEW_MASTER_KEY: newest }, configWith({ KEYSTONE_MASTER_KEY: newKey }));
      assert.equal(
        await decryptAll(configWith({ KEYSTONE_MASTER_KEY: newest })),
        kekFromBase64(newest, 'k').id,
      );
    });
  }

  it('has nothing to rotate without a master key', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'keystone-kek-none-'));
    try {
      await assert.rejects(
        rotate([], {}, loadConfig({ KEYSTONE_DATA_DIR: empty })),
        /no master key to rotate/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
