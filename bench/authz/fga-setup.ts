/**
 * Everything the bench makes over HTTP, as a customer would: a person signs up and creates an
 * organization, the operator gives it a secret key with `fga:write`, and that key creates the store,
 * writes the document-sharing model (DSL) and a sample of the tuples (OpenFGA's Write, 100 a request).
 */
import type { TupleKey } from './document-sharing.ts';

export type FgaBench = { origin: string; orgId: string; key: string; storeId: string; modelId: string };

async function call(
  origin: string,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** The call's JSON when it answered `status`; anything else stops the bench. */
async function expect<T>(
  status: number,
  origin: string,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<T> {
  const answer = await call(origin, method, path, headers, body);
  if (answer.status !== status) {
    throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  }
  return answer.json as T;
}

export async function setUpFga(origin: string, operatorKey: string, dsl: string): Promise<FgaBench> {
  const person = { email: 'bench-authz@keystone.localhost', password: 'a long bench passphrase for authz' };
  await expect(202, origin, 'POST', '/v1/auth/sign-up', {}, person);
  const signedIn = await expect<{ access_token: string }>(
    200,
    origin,
    'POST',
    '/v1/auth/sign-in',
    {},
    person,
  );
  const org = await expect<{ id: string }>(
    201,
    origin,
    'POST',
    '/v1/organizations',
    { authorization: `Bearer ${signedIn.access_token}` },
    { name: 'Bench Docs' },
  );
  const apiKey = await expect<{ secret: string }>(
    201,
    origin,
    'POST',
    `/v1/organizations/${org.id}/api-keys`,
    { 'x-keystone-key': operatorKey },
    { name: 'bench authz', scopes: ['fga:write'] },
  );
  const bearer = { authorization: `Bearer ${apiKey.secret}` };
  const store = await expect<{ id: string }>(201, origin, 'POST', '/fga/stores', bearer, {
    name: 'documents',
  });
  const model = await expect<{ authorization_model_id: string }>(
    201,
    origin,
    'POST',
    `/fga/stores/${store.id}/authorization-models`,
    bearer,
    { dsl },
  );
  return {
    origin,
    orgId: org.id,
    key: apiKey.secret,
    storeId: store.id,
    modelId: model.authorization_model_id,
  };
}

/** Tuples through OpenFGA's Write, at most 100 a request (its limit). */
export async function writeOverApi(fga: FgaBench, tuples: readonly TupleKey[]): Promise<void> {
  for (let start = 0; start < tuples.length; start += 100) {
    await expect(200, fga.origin, 'POST', `/fga/stores/${fga.storeId}/write`, bearerOf(fga), {
      writes: { tuple_keys: tuples.slice(start, start + 100) },
    });
  }
}

/** OpenFGA's Read of one exact tuple: whether the API sees it. */
export async function readsBack(fga: FgaBench, tuple: TupleKey): Promise<boolean> {
  const page = await expect<{ tuples: Array<{ key: TupleKey }> }>(
    200,
    fga.origin,
    'POST',
    `/fga/stores/${fga.storeId}/read`,
    bearerOf(fga),
    { tuple_key: tuple },
  );
  return page.tuples.some(
    ({ key }) => key.user === tuple.user && key.relation === tuple.relation && key.object === tuple.object,
  );
}

/** One check over HTTP: OpenFGA's `allowed`. */
export async function checkOverApi(fga: FgaBench, tuple: Omit<TupleKey, 'relation'> & { relation?: string }) {
  const answer = await expect<{ allowed: boolean }>(
    200,
    fga.origin,
    'POST',
    `/fga/stores/${fga.storeId}/check`,
    bearerOf(fga),
    { tuple_key: { user: tuple.user, relation: tuple.relation ?? 'viewer', object: tuple.object } },
  );
  return answer.allowed;
}

export function bearerOf(fga: FgaBench): Record<string, string> {
  return { authorization: `Bearer ${fga.key}` };
}
