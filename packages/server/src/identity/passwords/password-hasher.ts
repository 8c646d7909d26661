import { randomBytes } from 'node:crypto';
import type { Algorithm, Version } from '@node-rs/argon2';
import * as nodeArgon2 from '@node-rs/argon2';

export type Argon2Parameters = { memoryCost: number; timeCost: number; parallelism: number };

/** OWASP Password Storage Cheat Sheet, argon2id: 19 MiB of memory, 2 passes, 1 lane. */
export const OWASP_ARGON2ID: Argon2Parameters = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export type PasswordHasher = {
  /** A PHC string: `$argon2id$v=19$m=…,t=…,p=…$salt$hash`. */
  hash(password: string): Promise<string>;
  /**
   * needsRehash: the stored hash used other parameters (or another algorithm) than the
   * current ones. Only ever true with ok: true, the one moment the plaintext is at hand.
   */
  verify(storedHash: string, password: string): Promise<{ ok: boolean; needsRehash: boolean }>;
  /** The same work as verify() against a real hash, for an unknown account; always { ok: false }. */
  verifyAgainstDummy(password: string): Promise<{ ok: false; needsRehash: false }>;
};

/** The argon2 calls the hasher makes; tests pass wrappers to count them. */
export type Argon2Functions = Pick<typeof nodeArgon2, 'hash' | 'verify' | 'parseOptions'>;

// The package declares these as ambient const enums, which erasable TypeScript cannot read.
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1 as Version;

export function createPasswordHasher(
  parameters: Argon2Parameters = OWASP_ARGON2ID,
  argon2: Argon2Functions = nodeArgon2,
): PasswordHasher {
  const options = { ...parameters, algorithm: ARGON2ID, version: VERSION_0X13 };

  const hash = (password: string) => argon2.hash(normalize(password), options);

  // Made on first use, then shared: every unknown-account sign-in verifies against it,
  // with today's parameters, so it costs what a real verify costs.
  let dummy: Promise<string> | undefined;
  const dummyHash = (): Promise<string> => {
    dummy ??= hash(randomBytes(32).toString('base64url')).catch((error: unknown) => {
      dummy = undefined;
      throw error;
    });
    return dummy;
  };

  const usesCurrentParameters = (storedHash: string): boolean => {
    const used = argon2.parseOptions(storedHash);
    return (
      used.algorithm === ARGON2ID &&
      used.version === VERSION_0X13 &&
      used.memoryCost === parameters.memoryCost &&
      used.timeCost === parameters.timeCost &&
      used.parallelism === parameters.parallelism
    );
  };

  const verifyAgainstDummy = async (password: string) => {
    await argon2.verify(await dummyHash(), normalize(password)).catch(() => false);
    return { ok: false, needsRehash: false } as const;
  };

  return {
    hash,
    verifyAgainstDummy,
    async verify(storedHash, password) {
      let current: boolean;
      try {
        current = usesCurrentParameters(storedHash);
      } catch {
        // Not a PHC string we can read: refuse, after the same work as a real verify.
        return verifyAgainstDummy(password);
      }
      const ok = await argon2.verify(storedHash, normalize(password)).catch(() => false);
      return { ok, needsRehash: ok && !current };
    },
  };
}

/**
 * NIST SP 800-63B asks for NFKC or NFKD before hashing, so the same password typed on two
 * keyboards (composed é versus e + combining accent) is one password.
 */
function normalize(password: string): string {
  return password.normalize('NFKC');
}
