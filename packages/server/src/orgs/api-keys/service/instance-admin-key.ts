import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { appendAuditEntry } from '../../../platform/audit/index.ts';
import { hashSecret } from '../../../platform/crypto/secret-hash.ts';
import type { Database } from '../../../platform/db/database.ts';
import { withInstanceTenant } from '../../../platform/db/instance-tenant.ts';
import { newId } from '../../../platform/ids.ts';
import { displayPrefix, formatApiKey, parseApiKey } from '../engine/key-format.ts';
import { adminKeyEverIssued, insertApiKey } from '../store/api-key-store.ts';

// An arbitrary constant naming "the first-start admin key lock" among advisory locks (bigint).
const FIRST_START_ADMIN_KEY_LOCK = 7_310_245_002;

export type AdminKeyBootstrap = {
  /** The key in clear: only when it came from the environment or was made by this start. */
  plaintext: string | undefined;
  source: 'env' | 'created' | 'existing';
};

/**
 * The instance administration key: an instance API key with every scope (`admin`),
 * the customer's backend credential for managing the instance. KEYSTONE_ADMIN_KEY,
 * when set, is recorded as one (as OpenFGA accepts preshared keys), so deployments
 * and CI can bootstrap without a console. Without it, the first start makes one
 * and returns it to be printed once (never again, even if it is revoked later);
 * Keystone keeps only its hash, so a lost key is replaced by an operator
 * (POST /v1/api-keys with the operator key), not shown again.
 * Operator keys are a different thing: they run the Keystone instance itself.
 */
export async function ensureInstanceAdminKey(
  database: Pick<Database, 'kysely'>,
  options: { fromEnv: string | undefined },
): Promise<AdminKeyBootstrap> {
  const { fromEnv } = options;
  if (fromEnv) {
    const parsed = parseApiKey(fromEnv);
    if (parsed?.kind !== 'secret' || !parsed.checksumValid)
      throw new Error('KEYSTONE_ADMIN_KEY must be a secret API key (sk_live_… or sk_test_…)');
    await withInstanceTenant(database, async (scope) => {
      // Already recorded (a restart, or another process): nothing to do. A revoked one stays revoked.
      const inserted = await scope.db
        .insertInto('api_keys')
        .values({
          id: newId('key'),
          org_id: scope.orgId,
          kind: 'secret',
          environment: parsed.environment,
          name: 'from KEYSTONE_ADMIN_KEY',
          lookup: parsed.lookup,
          secret_hash: hashSecret(fromEnv),
          display_prefix: displayPrefix(fromEnv),
          scopes: ['admin'],
        })
        .onConflict((oc) => oc.column('lookup').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) await recordCreation(scope, inserted.id, 'env');
    });
    return { plaintext: fromEnv, source: 'env' };
  }
  return withInstanceTenant(database, async (scope) => {
    // Servers starting together on one database would each find no key and each make one:
    // the lock makes the second wait for the first to commit, then find its key.
    await sql`SELECT pg_advisory_xact_lock(${FIRST_START_ADMIN_KEY_LOCK})`.execute(scope.db);
    if (await adminKeyEverIssued(scope)) return { plaintext: undefined, source: 'existing' };
    const secret = formatApiKey('secret', 'live', randomBytes(32));
    const key = await insertApiKey(scope, {
      id: newId('key'),
      kind: 'secret',
      environment: 'live',
      name: 'instance admin key (first start)',
      lookup: (parseApiKey(secret) as NonNullable<ReturnType<typeof parseApiKey>>).lookup,
      secret_hash: hashSecret(secret),
      display_prefix: displayPrefix(secret),
      scopes: ['admin'],
    });
    await recordCreation(scope, key.id, 'first_start');
    return { plaintext: secret, source: 'created' };
  });
}

function recordCreation(
  scope: Parameters<typeof appendAuditEntry>[0],
  keyId: string,
  origin: 'env' | 'first_start',
): Promise<unknown> {
  return appendAuditEntry(scope, {
    actor: { type: 'system', id: null },
    action: 'api_key.created',
    target: { type: 'api_key', id: keyId },
    metadata: { kind: 'secret', scopes: ['admin'], origin },
  });
}
