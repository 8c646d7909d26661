/**
 * Erasure of one user's or one object's tuples in a single call (a person leaving, a document
 * destroyed): every matching tuple of the store is deleted, each delete goes to the changes feed, and
 * one audit entry records the erasure with its count, all in one transaction.
 *
 * What matches:
 * - `{ user }` erases the tuples whose user is exactly that reference. `user:anne` matches
 *   `document:1#viewer@user:anne`, not the wildcard `user:*`, not a userset of anne
 *   (`user:anne#friend`), and not tuples whose object is `user:anne`. A userset (`group:x#member`)
 *   or a wildcard (`user:*`) is itself a user, and erasing it removes the tuples naming exactly it
 *   (the group's own membership tuples stay: they are `group:x#member@…`, erased by `{ object }`).
 * - `{ object }` erases everything that points at or from the object, so nothing refers to it
 *   afterwards: the tuples whose object it is (`document:1#viewer@…`), and those naming it as a
 *   user, plainly (`document:2#parent@folder:1` for `folder:1`) or as any userset
 *   (`document:2#viewer@document:1#viewer`). To erase all a person appears in, in either place,
 *   erase them as an object (`{ object: 'user:anne' }`).
 *
 * Condition contexts are deleted with their tuples and are never copied into the audit entry.
 */
import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';
import type { Database } from '../../platform/db/database.ts';
import { type TenantScope, withTenant } from '../../platform/db/tenant-scope.ts';
import { parseReference } from '../engine/tuples.ts';
import { findStore } from '../store/store-records.ts';
import { type ErasureMatch, eraseMatchingTuples } from '../store/tuple-erasure-store.ts';
import { AccessError } from './access-error.ts';

/** Whose tuples to erase: one user (exact reference) or one object (and every reference to it). */
export type TupleErasure =
  | { readonly user: string; readonly object?: undefined }
  | { readonly object: string; readonly user?: undefined };

/** Erases in its own tenant transaction; returns how many tuples were deleted (0 when none matched). */
export async function eraseTuples(
  database: Database,
  orgId: string,
  storeId: string,
  erasure: TupleErasure,
  audit: RequestAuditContext,
): Promise<number> {
  const match = erasureMatch(erasure);
  return withTenant(database, orgId, (scope) => eraseInScope(scope, storeId, erasure, match, audit));
}

/** The same inside a caller's tenant transaction (which commits or rolls back the whole erasure). */
export async function eraseTuplesInScope(
  scope: TenantScope,
  storeId: string,
  erasure: TupleErasure,
  audit: RequestAuditContext,
): Promise<number> {
  return eraseInScope(scope, storeId, erasure, erasureMatch(erasure), audit);
}

async function eraseInScope(
  scope: TenantScope,
  storeId: string,
  erasure: TupleErasure,
  match: ErasureMatch,
  audit: RequestAuditContext,
): Promise<number> {
  if (!(await findStore(scope, storeId))) {
    throw new AccessError('store_id_not_found', `store '${storeId}' not found`);
  }
  const count = await eraseMatchingTuples(scope, storeId, match);
  await appendAuditEntry(scope, {
    ...audit,
    action: 'access_tuples.erased',
    target:
      erasure.user !== undefined
        ? { type: 'access_user', id: erasure.user }
        : { type: 'access_object', id: erasure.object },
    metadata: { store_id: storeId, count },
  });
  return count;
}

/** Exactly one well-formed reference, as columns; anything else is a validation_error. */
function erasureMatch(erasure: TupleErasure): ErasureMatch {
  const { user, object } = erasure as { user?: unknown; object?: unknown };
  if ((typeof user === 'string') === (typeof object === 'string')) {
    throw new AccessError('validation_error', 'an erasure names exactly one of user or object');
  }
  if (typeof user === 'string') {
    const reference = parseReference(user, true);
    if (!reference) throw new AccessError('validation_error', `invalid user '${user}'`);
    return { by: 'user', type: reference.type, id: reference.id, relation: reference.relation ?? '' };
  }
  const reference = parseReference(object as string, false);
  if (!reference) throw new AccessError('validation_error', `invalid object '${String(object)}'`);
  return { by: 'object', type: reference.type, id: reference.id };
}
