import type { Authenticator } from '../../../platform/auth/principal.ts';
import type { ApiKeyService } from './api-key-service.ts';

/** Shaped like an API key (the checksum is checked later, still before any read). */
const KEY_SHAPE = /^(sk|pk)_(live|test)_/;

/**
 * `Authorization: Bearer sk_…` or `X-Keystone-Key: pk_…` (either header carries
 * either kind) → an `api_key` or `publishable_key` principal. Expired, revoked,
 * unknown or mistyped keys are not recognized, so the request is 401.
 */
export function apiKeyAuthenticator(keys: Pick<ApiKeyService, 'authenticate'>): Authenticator {
  return {
    name: 'api-key',
    authenticate(credential) {
      if (!KEY_SHAPE.test(credential.value)) return undefined;
      return keys.authenticate(credential.value);
    },
  };
}
