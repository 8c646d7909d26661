import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { AppError } from '../errors/app-error.ts';
import { newId } from '../ids.ts';
import { unwrapDataKey } from './data-key-wrap.ts';
import { createEnvelopeEncryption, type EnvelopeEncryption } from './envelope-encryption.ts';
import { rewrapAllDataKeys } from './kek-rotation.ts';
import { generateKek } from './master-key.ts';

type VaultRow = { id: string; org_id: string; field: string; ciphertext: string };
type KeyRow = {
  org_id: string;
  key_id: string;
  kek_id: string;
  wrapped_key: string;
  retired_at: Date | null;
};

describe('KEK rotation', () => {
  let database: TestDatabase;
  const oldKek = generateKek();
  const newKek = generateKek();
  const orgs = [newId('org'), newId('org')] as const;

  // Owner's-eye views (cross-tenant, for the assertions only).
  async function asOwner<R>(query: string): Promise<R[]> {
    const runner = await database.ownerRunner();
    try {
      return await runner.query<R>(query);
    } finally {
      await runner.close();
    }
  }
  const vault = () => asOwner<VaultRow>('SELECT id, org_id, field, ciphertext FROM vault_probe ORDER BY id');
  const dataKeys = () =>
    asOwner<KeyRow>(
      'SELECT org_id, key_id, kek_id, wrapped_key, retired_at FROM org_data_keys ORDER BY key_id',
    );
  const rlsState = () =>
    asOwner<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'org_data_keys'::regclass",
    );

  async function store(encryption: EnvelopeEncryption, orgId: string, value: string): Promise<void> {
    const id = newId('vlt');
    await withTenant(database, orgId, async (scope) => {
      const field = `vault_probe.secret:${id}`;
      const ciphertext = await encryption.encryptField(scope, { field, value });
      await sql`INSERT INTO vault_probe (id, org_id, field, ciphertext) VALUES (${id}, ${orgId}, ${field}, ${ciphertext})`.execute(
        scope.db,
      );
    });
  }

  async function decryptAll(encryption: EnvelopeEncryption, rows: VaultRow[]): Promise<string[]> {
    const out: string[] = [];
    for (const row of rows) {
      out.push(
        await withTenant(database, row.org_id, (scope) =>
          encryption.decryptField(scope, { field: row.field, ciphertext: row.ciphertext }),
        ),
      );
    }
    return out;
  }

  before(async () => {
    database = await openTestDatabase();
    const owner = await database.ownerRunner();
    await owner.exec(`CREATE TABLE vault_probe (id text PRIMARY KEY, org_id text NOT NULL, field text NOT NULL, ciphertext text NOT NULL);
      SELECT keystone_enable_tenant_rls('vault_probe');`);
    await owner.close();
    const encryption = createEnvelopeEncryption(oldKek);
    await store(encryption, orgs[0], 'a-1');
    await store(encryption, orgs[0], 'a-2');
    await store(encryption, orgs[1], 'b-1');
    await withTenant(database, orgs[1], (scope) => encryption.rotateDataKey(scope));
    await store(encryption, orgs[1], 'b-2');
  });
  after(() => database.close());

  it('re-wraps every data key under the new KEK and leaves ciphertexts as they were', async () => {
    const vaultBefore = await vault();
    const keysBefore = await dataKeys();
    assert.equal(keysBefore.length, 3);
    const plaintexts = await decryptAll(createEnvelopeEncryption(oldKek), vaultBefore);

    const result = await rewrapAllDataKeys(database, oldKek, newKek);
    assert.deepEqual(result, { rewrapped: 3, alreadyRewrapped: 0, organizations: 2 });

    assert.deepEqual(await vault(), vaultBefore, 'no ciphertext touched');
    const keysAfter = await dataKeys();
    assert.deepEqual(
      keysAfter.map((k) => [k.org_id, k.key_id, k.retired_at === null]),
      keysBefore.map((k) => [k.org_id, k.key_id, k.retired_at === null]),
    );
    for (const [i, key] of keysAfter.entries()) {
      const identity = { orgId: key.org_id, keyId: key.key_id };
      assert.equal(key.kek_id, newKek.id);
      assert.notEqual(key.wrapped_key, keysBefore[i]?.wrapped_key);
      assert.equal(
        unwrapDataKey(oldKek, identity, key.wrapped_key),
        undefined,
        'the old KEK no longer unwraps',
      );
      assert.deepEqual(
        unwrapDataKey(newKek, identity, key.wrapped_key),
        unwrapDataKey(oldKek, identity, keysBefore[i]?.wrapped_key as string),
        'same data key underneath',
      );
    }

    assert.deepEqual(await decryptAll(createEnvelopeEncryption(newKek), vaultBefore), plaintexts);
    await assert.rejects(
      decryptAll(createEnvelopeEncryption(oldKek), vaultBefore),
      (error) => error instanceof AppError && error.code === 'encryption_key_mismatch',
    );
    assert.deepEqual(await rlsState(), [{ relrowsecurity: true, relforcerowsecurity: true }]);
  });

  it('resumes: running it again finds every key already re-wrapped', async () => {
    assert.deepEqual(await rewrapAllDataKeys(database, oldKek, newKek), {
      rewrapped: 0,
      alreadyRewrapped: 3,
      organizations: 2,
    });
  });

  it('changes nothing when any key does not belong to the KEK being rotated', async () => {
    // An org whose key some other master key wrapped (a misconfigured server, say).
    await store(createEnvelopeEncryption(generateKek()), newId('org'), 'stray');
    const keysBefore = await dataKeys();
    const newer = generateKek();
    await assert.rejects(rewrapAllDataKeys(database, newKek, newer), /neither the current one/);
    assert.deepEqual(await dataKeys(), keysBefore, 'rolled back as a whole');
    assert.deepEqual(await rlsState(), [{ relrowsecurity: true, relforcerowsecurity: true }]);
    await assert.rejects(rewrapAllDataKeys(database, newKek, newKek), /is the current one/);
  });
});
