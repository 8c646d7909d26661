/**
 * The demo organization's access-control data (`npm start`): its default store gets the
 * document-sharing model of docs/access.md and a few tuples, so a first check answers something.
 * Written once; a later start, or a server starting beside this one, adds nothing.
 */

import type { AccessService } from './access-service.ts';
import { DEFAULT_STORE_NAME } from './org-default-store.ts';

export const DEMO_ACCESS_MODEL = `model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define parent: [folder]
    define owner: [user]
    define viewer: [user, user:*, group#member] or owner or viewer from parent
type document
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user, group#member] or owner
    define viewer: [user, user:*, group#member, user with office_hours] or editor or viewer from parent
    define blocked: [user]
    define can_read: viewer but not blocked
condition office_hours(hour: int) {
  hour >= 9 && hour < 17
}
`;

const DEMO_TUPLES = [
  { user: 'user:anne', relation: 'member', object: 'group:eng' },
  { user: 'group:eng#member', relation: 'member', object: 'group:staff' },
  { user: 'group:staff#member', relation: 'viewer', object: 'folder:plans' },
  { user: 'folder:plans', relation: 'parent', object: 'document:roadmap' },
  { user: 'user:bob', relation: 'owner', object: 'document:roadmap' },
  { user: 'user:*', relation: 'viewer', object: 'document:handbook' },
  { user: 'user:carl', relation: 'viewer', object: 'document:payroll', condition: { name: 'office_hours' } },
];

const system = { actor: { type: 'system' as const, id: null } };

/** Seeds the organization's default store when it has no model yet; returns the store's id. */
export async function seedDemoAccess(access: AccessService, orgId: string): Promise<string | undefined> {
  const store = (await access.listStores(orgId, { limit: 100 })).find(
    (candidate) => candidate.name === DEFAULT_STORE_NAME,
  );
  if (!store) return undefined;
  if ((await access.listModels(orgId, store.id, { limit: 1 })).length === 0) {
    await access.writeModel(orgId, store.id, DEMO_ACCESS_MODEL, system);
    // A server starting beside this one may write them too: duplicates are ignored, not refused.
    await access.writeTuples(orgId, store.id, { writes: DEMO_TUPLES, onDuplicate: 'ignore' });
  }
  return store.id;
}
