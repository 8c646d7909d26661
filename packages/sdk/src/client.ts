import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { errorFromResponse } from './errors.ts';
import type { paths } from './generated/openapi.ts';

export type KeystoneClientOptions = {
  /** The server's address, e.g. `https://auth.example.com` (no trailing path). */
  baseUrl: string;
  /** A publishable key (`pk_live_…`/`pk_test_…`) for browser code; sent as `X-Keystone-Key` while no token is. */
  publishableKey?: string | undefined;
  /** A secret key (`sk_live_…`/`sk_test_…`) for backends; sent as `Authorization: Bearer`. Never in browsers. */
  secretKey?: string | undefined;
  /** The signed-in user's access token, asked for on every request (it rotates); wins over `secretKey`. */
  accessToken?: (() => string | undefined | Promise<string | undefined>) | undefined;
  /** Another fetch (tests, proxies); defaults to the global one. */
  fetch?: typeof fetch | undefined;
  /** Cookies for identity's cookie mode: `include` sends them cross-origin. */
  credentials?: 'include' | 'omit' | 'same-origin' | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
};

/**
 * A typed client for the whole Keystone HTTP API. Paths, parameters, bodies and
 * answers are typed from the server's OpenAPI document:
 *
 *   const keystone = createKeystoneClient({ baseUrl, accessToken: () => token });
 *   const { data: me } = await keystone.GET('/v1/me');
 *
 * A problem answer is thrown as a KeystoneApiError (status, stable `code`,
 * `fields`, `retryAfterSeconds`), so `data` is always the success body.
 */
export type KeystoneClient = Client<paths>;

export function createKeystoneClient(options: KeystoneClientOptions): KeystoneClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  client.use(credentialsMiddleware(options), problemMiddleware);
  return client;
}

function credentialsMiddleware(options: KeystoneClientOptions): Middleware {
  return {
    async onRequest({ request }) {
      if (!request.headers.has('authorization')) {
        const token = (await options.accessToken?.()) ?? options.secretKey;
        if (token) request.headers.set('authorization', `Bearer ${token}`);
      }
      // One credential per request: the server reads X-Keystone-Key first, and a publishable
      // key passes only browser routes (sign-in, ...), so a signed-in user's token goes alone.
      if (
        options.publishableKey &&
        !request.headers.has('authorization') &&
        !request.headers.has('x-keystone-key')
      ) {
        request.headers.set('x-keystone-key', options.publishableKey);
      }
      return request;
    },
  };
}

/** Turns every problem answer into a thrown KeystoneApiError. */
const problemMiddleware: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  },
};
