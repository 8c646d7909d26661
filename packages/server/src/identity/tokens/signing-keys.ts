import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import type { EnvelopeEncryption } from '../../platform/crypto/envelope-encryption.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { instanceScope } from '../../platform/db/tenant-scope.ts';
import {
  insertActiveSigningKey,
  listLiveSigningKeys,
  retireActiveSigningKey,
  type StoredSigningKey,
} from './signing-key-store.ts';

/**
 * The token-signing keys: one signs, retired ones stay published (and accepted)
 * until every token they signed has expired. Kept in memory for CACHE_TTL_MS so
 * verification does not query the database per request; an unknown kid (another
 * process rotated) forces a reload, at most once per UNKNOWN_KID_RELOAD_MS.
 */
export type SigningAlg = StoredSigningKey['alg'];
export const SIGNING_ALGS: readonly SigningAlg[] = ['EdDSA', 'ES256'];

export type PublicSigningKey = {
  kid: string;
  alg: SigningAlg;
  /** The public JWK as published: kty, crv, x(, y), kid, alg, use. */
  jwk: JWK;
  key: CryptoKey;
  /** Epoch ms; undefined for the active key. */
  retiredAt: number | undefined;
};

export type Signer = { kid: string; alg: SigningAlg; key: CryptoKey };

export type SigningKeys = {
  /** The active key with its private half; the first key is created here when there is none. */
  signer(): Promise<Signer>;
  /** A published key by kid, or undefined (unknown, or retired past its overlap window). */
  publicKey(kid: string): Promise<PublicSigningKey | undefined>;
  /** Every published key, the active one first. */
  published(): Promise<PublicSigningKey[]>;
  /** Makes a new key the signer and retires the old one (kept published for the overlap window). */
  rotate(): Promise<{ kid: string; retiredKid: string | undefined }>;
};

export const CACHE_TTL_MS = 30_000;
export const UNKNOWN_KID_RELOAD_MS = 5_000;
/**
 * A retired key stays published this long past the access-token TTL: it covers
 * other processes still signing with it until their cache reloads (CACHE_TTL_MS),
 * the 5 s clock skew verifiers allow, and clocks that differ between servers.
 */
export const RETIRED_KEY_GRACE_SECONDS = 60;

type Snapshot = {
  keys: Map<string, PublicSigningKey>;
  active: { kid: string; alg: SigningAlg; privateCiphertext: string } | undefined;
  loadedAt: number;
};

export function createSigningKeys(deps: {
  database: Database;
  encryption: EnvelopeEncryption;
  alg: SigningAlg;
  accessTokenTtlSeconds: number;
  now: () => number;
}): SigningKeys {
  const { database, encryption, now } = deps;
  const overlapMs = (deps.accessTokenTtlSeconds + RETIRED_KEY_GRACE_SECONDS) * 1000;
  let snapshot: Snapshot | undefined;
  let loading: Promise<Snapshot> | undefined;
  let lastUnknownKidReload = Number.NEGATIVE_INFINITY;
  let signer: Signer | undefined;

  const isLive = (key: PublicSigningKey) => key.retiredAt === undefined || key.retiredAt + overlapMs > now();

  function reload(): Promise<Snapshot> {
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  async function load(): Promise<Snapshot> {
    const rows = await listLiveSigningKeys(instanceScope(database), new Date(now() - overlapMs));
    const keys = new Map<string, PublicSigningKey>();
    for (const row of rows) {
      // A key is imported once; only its retirement changes between loads.
      const known = snapshot?.keys.get(row.kid);
      const retiredAt = row.retired_at?.getTime();
      keys.set(row.kid, known ? { ...known, retiredAt } : await importPublicKey(row));
    }
    const activeRow = rows.find((row) => row.retired_at === null);
    const active = activeRow
      ? { kid: activeRow.kid, alg: activeRow.alg, privateCiphertext: activeRow.private_ciphertext }
      : undefined;
    snapshot = { keys, active, loadedAt: now() };
    return snapshot;
  }

  /** The cached keys, reloaded when older than CACHE_TTL_MS; a failed reload keeps the last good copy. */
  async function current(): Promise<Snapshot> {
    if (snapshot && now() - snapshot.loadedAt < CACHE_TTL_MS) return snapshot;
    try {
      return await reload();
    } catch (error) {
      if (snapshot) return snapshot;
      throw error;
    }
  }

  async function createFirstKey(): Promise<void> {
    const made = await generateSigningKey(deps.alg);
    await withInstanceTenant(database, async (scope) => {
      const ciphertext = await encryption.encryptField(scope, {
        field: privateKeyField(made.kid),
        value: JSON.stringify(made.privateJwk),
      });
      // A concurrent creator may win; its key is then the one the reload finds.
      await insertActiveSigningKey(scope, { ...made.row, private_ciphertext: ciphertext });
    });
  }

  async function decryptSigner(active: NonNullable<Snapshot['active']>): Promise<Signer> {
    const jwk = await withInstanceTenant(database, (scope) =>
      encryption.decryptField(scope, {
        field: privateKeyField(active.kid),
        ciphertext: active.privateCiphertext,
      }),
    );
    const key = (await importJWK(JSON.parse(jwk) as JWK, active.alg)) as CryptoKey;
    return { kid: active.kid, alg: active.alg, key };
  }

  return {
    async signer() {
      let active = (await current()).active;
      if (!active) {
        await createFirstKey();
        active = (await reload()).active;
        if (!active) throw new Error('no active signing key after creating one');
      }
      if (signer?.kid !== active.kid) signer = await decryptSigner(active);
      return signer;
    },

    async publicKey(kid) {
      let key = (await current()).keys.get(kid);
      if (!key && now() - lastUnknownKidReload >= UNKNOWN_KID_RELOAD_MS) {
        lastUnknownKidReload = now();
        key = (await reload()).keys.get(kid);
      }
      return key && isLive(key) ? key : undefined;
    },

    async published() {
      const keys = [...(await current()).keys.values()].filter(isLive);
      return keys.sort((a, b) => (b.retiredAt ?? Infinity) - (a.retiredAt ?? Infinity));
    },

    async rotate() {
      // Two rotations at once: the loser's insert finds the winner's key active, so it tries again.
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await rotateOnce();
          await reload();
          return result;
        } catch (error) {
          if (!(error instanceof ConcurrentRotation) || attempt >= 3) throw error;
        }
      }
    },
  };

  async function rotateOnce(): Promise<{ kid: string; retiredKid: string | undefined }> {
    const made = await generateSigningKey(deps.alg);
    return withInstanceTenant(database, async (scope) => {
      const retiredKid = await retireActiveSigningKey(scope, new Date(now()));
      const ciphertext = await encryption.encryptField(scope, {
        field: privateKeyField(made.kid),
        value: JSON.stringify(made.privateJwk),
      });
      const inserted = await insertActiveSigningKey(scope, { ...made.row, private_ciphertext: ciphertext });
      if (!inserted) throw new ConcurrentRotation();
      return { kid: made.kid, retiredKid };
    });
  }
}

class ConcurrentRotation extends Error {
  override name = 'ConcurrentRotation';
  constructor() {
    super('another signing-key rotation committed at the same time');
  }
}

/** The envelope-encryption field context of a key's private JWK. */
export function privateKeyField(kid: string): string {
  return `signing_keys.private:${kid}`;
}

/** A fresh key pair; kid is the RFC 7638 thumbprint of the public key. */
async function generateSigningKey(alg: SigningAlg) {
  const pair = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(pair.privateKey);
  const row = { kid, alg, public_jwk: { ...publicJwk, kid, alg, use: 'sig' } };
  return { kid, row, privateJwk };
}

async function importPublicKey(row: StoredSigningKey): Promise<PublicSigningKey> {
  const jwk = row.public_jwk as JWK;
  const key = (await importJWK(jwk, row.alg)) as CryptoKey;
  return { kid: row.kid, alg: row.alg, jwk, key, retiredAt: row.retired_at?.getTime() };
}
