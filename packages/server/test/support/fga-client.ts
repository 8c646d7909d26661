import assert from 'node:assert/strict';
import { CredentialsMethod, OpenFgaClient } from '@openfga/sdk';
import { newSignedInUser } from './identity-client.ts';
import { createOrg } from './orgs-client.ts';
import { startTestApp, type TestApp } from './test-app.ts';

/**
 * A Keystone server listening on a real port, with an organization and its secret key (scopes
 * `fga:write`), for driving /fga with OpenFGA's own SDK as its users do.
 */
export type FgaServer = TestApp & {
  /** e.g. http://127.0.0.1:49152/fga: the SDK's `apiUrl`. */
  apiUrl: string;
  org: OrgWithKey;
  /** Another organization with a key: it must see nothing of the first. */
  newOrg(scopes?: string[]): Promise<OrgWithKey>;
};

export type OrgWithKey = { orgId: string; key: string };

export async function startFgaServer(options: Parameters<typeof startTestApp>[0] = {}): Promise<FgaServer> {
  // The suites send thousands of checks a minute with one key: over the default per-credential limit.
  // (The per-IP limit counts only requests without a valid credential, so it never applies here.)
  const t = await startTestApp({
    ...options,
    env: { KEYSTONE_RATE_LIMIT_CREDENTIAL_PER_MINUTE: '0', ...options.env },
  });
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const owner = await newSignedInUser(t.app);
  async function newOrg(scopes: string[] = ['fga:write']): Promise<OrgWithKey> {
    const org = await createOrg(t.app, owner.access_token, { name: 'Docs Inc' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/organizations/${org.id}/api-keys`,
      headers: t.operator,
      payload: { name: 'fga', scopes },
    });
    assert.equal(res.statusCode, 201, res.body);
    return { orgId: org.id, key: res.json().secret };
  }
  return { ...t, apiUrl: `${address}/fga`, org: await newOrg(), newOrg };
}

/** OpenFGA's SDK pointed at Keystone, the key as its bearer token, without retries (tests want the first answer). */
export function openFgaClient(apiUrl: string, key: string, storeId?: string): OpenFgaClient {
  return new OpenFgaClient({
    apiUrl,
    ...(storeId ? { storeId } : {}),
    credentials: { method: CredentialsMethod.ApiToken, config: { token: key } },
    retryParams: { maxRetry: 0 },
  });
}
