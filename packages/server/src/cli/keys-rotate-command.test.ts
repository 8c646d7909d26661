import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import { createPostgresDatabase, testBackend } from '../../test/support/test-database.ts';
import { createTokenService } from '../identity/tokens/token-service.ts';
import { type Config, loadConfig } from '../platform/config/config.ts';
import { loadEnvelopeEncryption } from '../platform/crypto/load-encryption.ts';
import { keysRotateCommand } from './keys-rotate-command.ts';
import { openCliDatabase } from './open-database.ts';

/**
 * `keystone keys rotate` as an operator runs it: on the PGlite pass in embedded
 * mode (data directory, master.key), on the PostgreSQL pass with DATABASE_URL and
 * KEYSTONE_MASTER_KEY.
 */
describe('keystone keys rotate', () => {
  let dataDir: string;
  let config: Config;
  let drop = async () => {};

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-keys-cli-'));
    let env: Record<string, string> = {
      KEYSTONE_DATA_DIR: dataDir,
      KEYSTONE_PUBLIC_URL: 'https://id.example.test',
    };
    if (testBackend === 'postgres') {
      const created = await createPostgresDatabase();
      drop = created.drop;
      env = { ...env, DATABASE_URL: created.url, KEYSTONE_MASTER_KEY: randomBytes(32).toString('base64') };
    }
    config = loadConfig(env);
  });
  after(async () => {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function rotate(args: string[] = []): Promise<{ code: number; output: string }> {
    const lines: string[] = [];
    const code = await keysRotateCommand.run(args, { config, out: (line) => lines.push(line) });
    return { code, output: lines.join('\n') };
  }

  /** What a server started now would do: issue a token (its kid) and verify the given ones. */
  async function asServer<T>(
    work: (tokens: ReturnType<typeof createTokenService>) => Promise<T>,
  ): Promise<T> {
    const database = await openCliDatabase(config);
    try {
      const { encryption } = await loadEnvelopeEncryption(database, config);
      return await work(createTokenService({ database, encryption, config }));
    } finally {
      await database.close();
    }
  }

  const claims = { sub: 'usr_1', sid: 'ses_1', email_verified: true, amr: ['pwd'] };

  it('makes the first key when there is none, then rotates, printing the new and the retired kid', async () => {
    const first = await rotate();
    assert.equal(first.code, 0, first.output);
    const firstKid = /signing key (\S+) \(EdDSA\) now signs access tokens/.exec(first.output)?.[1];
    assert.ok(firstKid, first.output);
    assert.match(first.output, /there was no signing key before/);
    const oldToken = await asServer(async (tokens) => {
      const { token } = await tokens.issueAccessToken(claims);
      assert.equal(decodeProtectedHeader(token).kid, firstKid);
      return token;
    });

    const second = await rotate();
    assert.equal(second.code, 0, second.output);
    const secondKid = /signing key (\S+) \(EdDSA\) now signs access tokens/.exec(second.output)?.[1];
    assert.ok(secondKid && secondKid !== firstKid, second.output);
    assert.match(second.output, new RegExp(`retired ${firstKid}: still published and accepted for 360 s`));

    await asServer(async (tokens) => {
      const { token } = await tokens.issueAccessToken(claims);
      assert.equal(decodeProtectedHeader(token).kid, secondKid);
      assert.ok(await tokens.verifyAccessToken(oldToken), 'tokens of the retired key still verify');
      assert.deepEqual(
        (await tokens.jwks()).keys.map((k) => k.kid),
        [secondKid, firstKid],
      );
    });
  });

  it('exits 2 with the usage on unexpected arguments', async () => {
    const result = await rotate(['--now']);
    assert.equal(result.code, 2);
    assert.match(result.output, /usage: keystone keys rotate/);
  });
});
