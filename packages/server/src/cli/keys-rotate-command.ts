import { RETIRED_KEY_GRACE_SECONDS } from '../identity/tokens/signing-keys.ts';
import { createTokenService } from '../identity/tokens/token-service.ts';
import { loadEnvelopeEncryption } from '../platform/crypto/load-encryption.ts';
import type { CliCommand } from './command.ts';
import { openCliDatabase } from './open-database.ts';

const USAGE = 'usage: keystone keys rotate';

/**
 * `keystone keys rotate`: a new token-signing key (KEYSTONE_SIGNING_ALG) becomes
 * the signer; the old one stays published and accepted until every token it
 * signed has expired. Servers sharing the PostgreSQL database switch within
 * 30 s (sooner when they meet a token with the new kid); on embedded PGlite the
 * server must be stopped, since the data directory has one user at a time.
 */
export const keysRotateCommand: CliCommand = {
  name: ['keys', 'rotate'],
  summary: 'make a new access-token signing key the signer; the old one lingers until its tokens expire',
  async run(args, { config, out }) {
    if (args.length > 0) {
      out(USAGE);
      return 2;
    }
    const database = await openCliDatabase(config);
    try {
      const { encryption, masterKey } = await loadEnvelopeEncryption(database, config);
      if (masterKey.warning) out(`warning: ${masterKey.warning}`);
      const tokens = createTokenService({ database, encryption, config });
      const { kid, retiredKid } = await tokens.rotateSigningKey();
      out(`signing key ${kid} (${config.identity.signingAlg}) now signs access tokens`);
      const overlap = config.identity.accessTokenTtlSeconds + RETIRED_KEY_GRACE_SECONDS;
      out(
        retiredKid
          ? `retired ${retiredKid}: still published and accepted for ${overlap} s, until its tokens have expired`
          : 'there was no signing key before',
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
