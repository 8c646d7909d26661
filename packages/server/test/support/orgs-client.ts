import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { insertMembership } from '../../src/orgs/store/membership-store.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { withTenant } from '../../src/platform/db/tenant-scope.ts';
import { bearer } from './identity-client.ts';

/** Small wrappers over the organizations HTTP API for tests (app.inject, no port). */
export type OrgAnswer = { id: string; slug: string; name: string; role: string | null } & Record<
  string,
  unknown
>;

export async function createOrg(
  app: FastifyInstance,
  accessToken: string,
  body: Record<string, unknown> = { name: 'Acme' },
): Promise<OrgAnswer> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/organizations',
    headers: bearer(accessToken),
    payload: body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** A request as a signed-in user, with an optional JSON body. */
export function callAs(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  accessToken: string,
  payload?: Record<string, unknown>,
) {
  return app.inject({
    method,
    url,
    headers: bearer(accessToken),
    ...(payload === undefined ? {} : { payload }),
  });
}

/** Adds a member straight in the database (invitations are another module's); tests only. */
export async function addMember(
  database: Database,
  orgId: string,
  userId: string,
  role: string,
): Promise<void> {
  await withTenant(database, orgId, (scope) => insertMembership(scope, { user_id: userId, role_key: role }));
}

/** The org's audit actions, in chain order (read as the operator). */
export async function orgAuditActions(
  app: FastifyInstance,
  operator: Record<string, string>,
  orgId: string,
): Promise<
  Array<{
    action: string;
    actor_id: string | null;
    target_id: string | null;
    metadata: Record<string, unknown>;
  }>
> {
  const res = await app.inject({
    method: 'GET',
    url: `/v1/organizations/${orgId}/audit-log?limit=500&order=asc`,
    headers: operator,
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().data;
}
