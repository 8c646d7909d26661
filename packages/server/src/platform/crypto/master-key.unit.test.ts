import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { unwrapDataKey, wrapDataKey } from './data-key-wrap.ts';
import {
  generateKek,
  kekFromBase64,
  masterKeyFile,
  resolveMasterKey,
  writeMasterKeyFile,
} from './master-key.ts';

describe('master key (KEK)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keystone-kek-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is named by the first 8 bytes of its SHA-256', () => {
    const key = randomBytes(32);
    const kek = kekFromBase64(key.toString('base64'), 'test');
    assert.equal(kek.id, createHash('sha256').update(key).digest('hex').slice(0, 16));
    assert.notEqual(generateKek().id, generateKek().id);
  });

  it('comes from KEYSTONE_MASTER_KEY first, writing nothing', () => {
    const dir = tempDir();
    const key = randomBytes(32).toString('base64');
    const resolved = resolveMasterKey({ masterKey: key, dataDir: dir });
    assert.equal(resolved.source, 'env');
    assert.deepEqual(resolved.kek.key, Buffer.from(key, 'base64'));
    assert.deepEqual(readdirSync(dir), []);
  });

  it('is generated when there is none, and read back from master.key (mode 0600) once written', () => {
    const dir = tempDir();
    const generated = resolveMasterKey({ masterKey: undefined, dataDir: dir });
    assert.equal(generated.source, 'generated');
    assert.equal(existsSync(masterKeyFile(dir)), false, 'resolving alone writes nothing');
    writeMasterKeyFile(masterKeyFile(dir), generated.kek);
    assert.equal(statSync(masterKeyFile(dir)).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['master.key'], 'no partial file left behind');
    const again = resolveMasterKey({ masterKey: undefined, dataDir: dir });
    assert.equal(again.source, 'file');
    assert.equal(again.kek.id, generated.kek.id);
    assert.equal(Buffer.from(readFileSync(masterKeyFile(dir), 'utf8').trim(), 'base64').length, 32);
  });

  it('refuses a master.key that does not hold 32 bytes', () => {
    const dir = tempDir();
    writeFileSync(masterKeyFile(dir), randomBytes(16).toString('base64'));
    assert.throws(
      () => resolveMasterKey({ masterKey: undefined, dataDir: dir }),
      /master\.key must hold 32 bytes/,
    );
  });

  it('wraps a data key so that only the same KEK, org and key id unwrap it', () => {
    const kek = generateKek();
    const dataKey = randomBytes(32);
    const identity = { orgId: 'org_A', keyId: 'dek_1' };
    const wrapped = wrapDataKey(kek, identity, dataKey);
    assert.ok(!Buffer.from(wrapped, 'base64').includes(dataKey), 'the data key is not stored in clear');
    assert.deepEqual(unwrapDataKey(kek, identity, wrapped), dataKey);
    assert.equal(unwrapDataKey(generateKek(), identity, wrapped), undefined);
    assert.equal(unwrapDataKey(kek, { orgId: 'org_B', keyId: 'dek_1' }, wrapped), undefined);
    assert.equal(unwrapDataKey(kek, { orgId: 'org_A', keyId: 'dek_2' }, wrapped), undefined);
    assert.equal(unwrapDataKey(kek, identity, 'not base64 at all'), undefined);
    assert.equal(unwrapDataKey(kek, identity, ''), undefined);
  });
});
