import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Algorithm } from '@node-rs/argon2';
import * as nodeArgon2 from '@node-rs/argon2';
import {
  type Argon2Functions,
  type Argon2Parameters,
  createPasswordHasher,
  OWASP_ARGON2ID,
} from './password-hasher.ts';

const CHEAP: Argon2Parameters = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** The real argon2 functions, with every call written down. */
function countingArgon2() {
  const calls = { hash: 0, verify: 0, verifiedHashes: [] as string[] };
  const argon2: Argon2Functions = {
    parseOptions: nodeArgon2.parseOptions,
    hash: (...args) => {
      calls.hash++;
      return nodeArgon2.hash(...args);
    },
    verify: (...args) => {
      calls.verify++;
      calls.verifiedHashes.push(String(args[0]));
      return nodeArgon2.verify(...args);
    },
  };
  return { argon2, calls };
}

describe('password hasher', () => {
  const hasher = createPasswordHasher();

  it('hashes with argon2id and the OWASP parameters, and verifies the same password', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    assert.deepEqual(await hasher.verify(stored, 'correct horse battery staple'), {
      ok: true,
      needsRehash: false,
    });
  });

  it('salts every hash', async () => {
    assert.notEqual(await hasher.hash('same password'), await hasher.hash('same password'));
  });

  it('refuses a wrong password', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    assert.deepEqual(await hasher.verify(stored, 'correct horse battery stapler'), {
      ok: false,
      needsRehash: false,
    });
  });

  it('asks for a rehash when the stored hash used other parameters', async () => {
    const old = await createPasswordHasher(CHEAP).hash('s3cret passphrase');
    assert.deepEqual(await hasher.verify(old, 's3cret passphrase'), { ok: true, needsRehash: true });
    // Only a correct password can be rehashed, so a wrong one never asks for it.
    assert.deepEqual(await hasher.verify(old, 'wrong'), { ok: false, needsRehash: false });
  });

  it('asks for a rehash when the stored hash used another argon2 variant', async () => {
    const argon2i = await nodeArgon2.hash('s3cret passphrase', {
      ...OWASP_ARGON2ID,
      algorithm: 1 as Algorithm,
    });
    assert.match(argon2i, /^\$argon2i\$/);
    assert.deepEqual(await hasher.verify(argon2i, 's3cret passphrase'), { ok: true, needsRehash: true });
  });

  it('treats Unicode compositions of one password as the same password (NFKC)', async () => {
    const stored = await hasher.hash('caf\u00e9 au lait');
    assert.equal((await hasher.verify(stored, 'cafe\u0301 au lait')).ok, true);
  });

  it('refuses a malformed stored hash without throwing, after a real verify', async () => {
    const { argon2, calls } = countingArgon2();
    const counted = createPasswordHasher(CHEAP, argon2);
    const malformed = [
      '',
      'not a hash',
      '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW',
      '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$',
      '$argon2id$v=19$m=oops,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA',
    ];
    for (const stored of malformed) {
      assert.deepEqual(await counted.verify(stored, 'anything'), { ok: false, needsRehash: false }, stored);
    }
    assert.equal(calls.verify, malformed.length);
  });

  it('verifies an unknown account against a dummy hash: one real verify, never ok', async () => {
    const { argon2, calls } = countingArgon2();
    const counted = createPasswordHasher(OWASP_ARGON2ID, argon2);
    assert.equal(calls.hash, 0, 'nothing is hashed before the first use');

    assert.deepEqual(await counted.verifyAgainstDummy('hunter22'), { ok: false, needsRehash: false });
    assert.deepEqual(await counted.verifyAgainstDummy(''), { ok: false, needsRehash: false });

    assert.equal(calls.verify, 2, 'each call runs one argon2 verify');
    assert.equal(calls.hash, 1, 'the dummy hash is made once and shared');
    const [first, second] = calls.verifiedHashes;
    assert.equal(first, second);
    // The dummy costs what a real account costs: same algorithm and parameters.
    const used = nodeArgon2.parseOptions(first!);
    assert.deepEqual(
      {
        algorithm: used.algorithm,
        memoryCost: used.memoryCost,
        timeCost: used.timeCost,
        parallelism: used.parallelism,
      },
      { algorithm: 2, ...OWASP_ARGON2ID },
    );
  });

  it('shares one dummy hash between concurrent first uses', async () => {
    const { argon2, calls } = countingArgon2();
    const counted = createPasswordHasher(CHEAP, argon2);
    await Promise.all([counted.verifyAgainstDummy('a'), counted.verifyAgainstDummy('b')]);
    assert.equal(calls.hash, 1);
    assert.equal(calls.verify, 2);
  });

  it('makes the dummy hash again after a failed first attempt', async () => {
    let failNext = true;
    const argon2: Argon2Functions = {
      ...nodeArgon2,
      hash: (...args) => {
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('out of memory'));
        }
        return nodeArgon2.hash(...args);
      },
    };
    const flaky = createPasswordHasher(CHEAP, argon2);
    await assert.rejects(flaky.verifyAgainstDummy('x'), /out of memory/);
    assert.deepEqual(await flaky.verifyAgainstDummy('x'), { ok: false, needsRehash: false });
  });
});
