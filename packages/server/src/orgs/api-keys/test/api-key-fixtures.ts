import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { newSignedInUser } from '../../../../test/support/identity-client.ts';
import type { Database } from '../../../platform/db/database.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';
import { newId } from '../../../platform/ids.ts';
import { insertMembership } from '../../store/membership-store.ts';
import { insertOrganization } from '../../store/organization-store.ts';

/** An organization with an owner and a viewer, made through the stores (the org routes land separately). */
export async function seedOrg(app: FastifyInstance, database: Pick<Database, 'kysely'>) {
  const orgId = newId('org');
  const owner = await newSignedInUser(app);
  const viewer = await newSignedInUser(app);
  await withTenant(database, orgId, async (scope) => {
    await insertOrganization(scope, {
      slug: `k-${orgId.slice(-10).toLowerCase()}`,
      name: 'Keys',
      created_by: null,
    });
    await insertMembership(scope, { user_id: owner.user.id, role_key: 'owner' });
    await insertMembership(scope, { user_id: viewer.user.id, role_key: 'viewer' });
  });
  return {
    orgId,
    owner: { authorization: `Bearer ${owner.access_token}` },
    viewer: { authorization: `Bearer ${viewer.access_token}` },
  };
}

/** Creates a key over HTTP and returns the answer (secret included). */
export async function createKey(
  app: FastifyInstance,
  url: string,
  headers: Record<string, string>,
  body: Record<string, unknown>,
): Promise<{ id: string; secret: string; [field: string]: unknown }> {
  const res = await app.inject({ method: 'POST', url, headers, payload: body });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
