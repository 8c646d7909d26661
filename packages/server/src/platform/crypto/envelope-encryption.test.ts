import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { AppError } from '../errors/app-error.ts';
import { newId } from '../ids.ts';
import { unwrapDataKey } from './data-key-wrap.ts';
import { createEnvelopeEncryption, type EnvelopeEncryption } from './envelope-encryption.ts';
import { generateKek, type KeyEncryptionKey } from './master-key.ts';

function isAppError(code: string) {
  return (error: unknown) => {
    assert.ok(error instanceof AppError, `expected AppError ${code}, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  };
}

describe('envelope encryption', () => {
  let database: TestDatabase;
  let kek: KeyEncryptionKey;
  let encryption: EnvelopeEncryption;
  const orgA = newId('org');
  const orgB = newId('org');
  const encrypt = (orgId: string, field: string, value: string, e = encryption) =>
    withTenant(database, orgId, (scope) => e.encryptField(scope, { field, value }));
  const decrypt = (orgId: string, field: string, ciphertext: string, e = encryption) =>
    withTenant(database, orgId, (scope) => e.decryptField(scope, { field, ciphertext }));
  const keysOf = (orgId: string) =>
    withTenant(database, orgId, (scope) =>
      scope.db
        .selectFrom('org_data_keys')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('created_at')
        .execute(),
    );

  before(async () => {
    database = await openTestDatabase();
    kek = generateKek();
    encryption = createEnvelopeEncryption(kek);
  });
  after(() => database.close());

  it('round-trips a value under a self-describing ciphertext', async () => {
    const field = 'users.totp_secret:usr_1';
    const ciphertext = await encrypt(orgA, field, 'JBSWY3DPEHPK3PXP ünïcode');
    const [key] = await keysOf(orgA);
    assert.ok(key);
    assert.match(ciphertext, new RegExp(`^enc:v1:${key.key_id}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$`));
    assert.ok(!ciphertext.includes('JBSWY3DP'));
    assert.equal(await decrypt(orgA, field, ciphertext), 'JBSWY3DPEHPK3PXP ünïcode');
    assert.notEqual(await encrypt(orgA, field, 'JBSWY3DPEHPK3PXP ünïcode'), ciphertext, 'fresh IV each time');
    // A new service (a restarted server, empty cache) with the same KEK reads it from the stored key.
    assert.equal(
      await decrypt(orgA, field, ciphertext, createEnvelopeEncryption(kek)),
      'JBSWY3DPEHPK3PXP ünïcode',
    );
  });

  it('stores each org its own data key, only wrapped by the KEK', async () => {
    await encrypt(orgB, 'f', 'x');
    const [a] = await keysOf(orgA);
    const [b] = await keysOf(orgB);
    assert.ok(a && b);
    assert.notEqual(a.key_id, b.key_id);
    assert.equal(a.kek_id, kek.id);
    assert.equal(a.retired_at, null);
    const unwrapped = unwrapDataKey(kek, { orgId: orgA, keyId: a.key_id }, a.wrapped_key);
    assert.equal(unwrapped?.length, 32);
    assert.ok(!Buffer.from(a.wrapped_key, 'base64').includes(unwrapped as Buffer));
    assert.equal(unwrapDataKey(generateKek(), { orgId: orgA, keyId: a.key_id }, a.wrapped_key), undefined);
  });

  it('refuses a ciphertext moved to another row, field or organization', async () => {
    const ciphertext = await encrypt(orgA, 'users.totp_secret:usr_1', 'seed-1');
    await assert.rejects(
      decrypt(orgA, 'users.totp_secret:usr_2', ciphertext),
      isAppError('decryption_failed'),
    );
    await assert.rejects(decrypt(orgA, 'webhooks.secret:usr_1', ciphertext), isAppError('decryption_failed'));
    await assert.rejects(
      decrypt(orgB, 'users.totp_secret:usr_1', ciphertext),
      isAppError('decryption_failed'),
    );
    // Even with B's cache warm and a fresh service, A's key is invisible from B's scope.
    await assert.rejects(
      decrypt(orgB, 'users.totp_secret:usr_1', ciphertext, createEnvelopeEncryption(kek)),
      isAppError('decryption_failed'),
    );
  });

  it('refuses tampered and malformed ciphertexts with decryption_failed, never a crypto error', async () => {
    const ciphertext = await encrypt(orgA, 'f:1', 'value');
    const last = ciphertext.at(-2) === 'A' ? 'B' : 'A';
    const flipped = `${ciphertext.slice(0, -2)}${last}${ciphertext.at(-1)}`;
    const [, , keyId] = ciphertext.split(':');
    const [keyB] = await keysOf(orgB);
    for (const bad of [
      flipped,
      ciphertext.replace(keyId as string, keyB?.key_id as string),
      ciphertext.replace(keyId as string, 'dek_00000000000000000000000000'),
      'enc:v1:garbage',
      'plaintext',
      '',
    ]) {
      await assert.rejects(decrypt(orgA, 'f:1', bad), isAppError('decryption_failed'), bad);
    }
  });

  it('creates one data key when many first encryptions for an org race', async () => {
    const orgC = newId('org');
    const ciphertexts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => encrypt(orgC, `f:${i}`, `v${i}`, createEnvelopeEncryption(kek))),
    );
    const keys = await keysOf(orgC);
    assert.equal(keys.length, 1);
    assert.ok(ciphertexts.every((c) => c.startsWith(`enc:v1:${keys[0]?.key_id}:`)));
    for (const [i, c] of ciphertexts.entries()) assert.equal(await decrypt(orgC, `f:${i}`, c), `v${i}`);
  });

  it('rotates an org’s data key: new values use the new key, old ones still decrypt', async () => {
    const before = await encrypt(orgA, 'f:rot', 'old value');
    const newKeyId = await withTenant(database, orgA, (scope) => encryption.rotateDataKey(scope));
    const keys = await keysOf(orgA);
    assert.equal(keys.length, 2);
    assert.equal(keys.filter((k) => k.retired_at === null).length, 1);
    assert.equal(keys.find((k) => k.retired_at === null)?.key_id, newKeyId);
    const afterRotation = await encrypt(orgA, 'f:rot', 'new value');
    assert.ok(afterRotation.startsWith(`enc:v1:${newKeyId}:`));
    assert.equal(await decrypt(orgA, 'f:rot', before, createEnvelopeEncryption(kek)), 'old value');
    assert.equal(await decrypt(orgA, 'f:rot', afterRotation, createEnvelopeEncryption(kek)), 'new value');
    assert.equal((await keysOf(orgB)).length, 1, 'other orgs keep their key');
  });

  it('says encryption_key_mismatch when the server holds another KEK', async () => {
    const ciphertext = await encrypt(orgB, 'f', 'v');
    const stranger = createEnvelopeEncryption(generateKek());
    await assert.rejects(decrypt(orgB, 'f', ciphertext, stranger), isAppError('encryption_key_mismatch'));
    await assert.rejects(encrypt(orgB, 'f', 'v', stranger), isAppError('encryption_key_mismatch'));
  });

  it('lets the app role create and retire data keys but never delete or rewrite one', async () => {
    // The failed statement aborts the transaction, so withTenant itself rejects.
    await assert.rejects(
      withTenant(database, orgB, (scope) =>
        sql`DELETE FROM org_data_keys WHERE org_id = ${orgB}`.execute(scope.db),
      ),
      /permission denied/,
    );
    await assert.rejects(
      withTenant(database, orgB, (scope) =>
        sql`UPDATE org_data_keys SET wrapped_key = 'x' WHERE org_id = ${orgB}`.execute(scope.db),
      ),
      /permission denied/,
    );
    assert.equal((await keysOf(orgB)).length, 1);
  });
});
