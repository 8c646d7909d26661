/**
 * A tuple write request (OpenFGA's Write: writes and deletes together), checked before anything is
 * written and applied inside the caller's tenant transaction: a refusal throws, rolling back the batch.
 */
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import type { CompiledModel } from '../engine/model-types.ts';
import { tupleProblem } from '../engine/tuple-validation.ts';
import { parseReference, type TupleRecord } from '../engine/tuples.ts';
import { tupleIdentity } from '../store/tuple-rows.ts';
import { deleteTuples, insertTuples } from '../store/tuple-store.ts';
import { AccessError } from './access-error.ts';

/** OpenFGA's limit on the tuples of one write request (writes and deletes together). */
export const MAX_TUPLES_PER_WRITE = 100;

export type TupleKey = Pick<TupleRecord, 'object' | 'relation' | 'user'>;

export interface TupleWrite {
  readonly writes?: readonly TupleRecord[];
  readonly deletes?: readonly TupleKey[];
  /** The model the writes are validated against; the store's latest when omitted. */
  readonly modelId?: string;
}

export async function writeTuplesInScope(
  scope: TenantScope,
  storeId: string,
  model: CompiledModel,
  request: TupleWrite,
): Promise<void> {
  const writes = request.writes ?? [];
  const deletes = request.deletes ?? [];
  refuseMalformed(model, writes, deletes);
  // Deletes first, as OpenFGA applies them; a tuple cannot be in both lists (refused above).
  const missing = await deleteTuples(scope, storeId, deletes);
  if (missing.length > 0) {
    throw new AccessError(
      'write_failed_due_to_invalid_input',
      `cannot delete a tuple which does not exist: ${describe(missing[0] as TupleKey)}`,
    );
  }
  const existing = await insertTuples(scope, storeId, writes);
  if (existing.length > 0) {
    throw new AccessError(
      'write_failed_due_to_invalid_input',
      `cannot write a tuple which already exists: ${describe(existing[0] as TupleKey)}`,
    );
  }
}

function refuseMalformed(
  model: CompiledModel,
  writes: readonly TupleRecord[],
  deletes: readonly TupleKey[],
): void {
  const count = writes.length + deletes.length;
  if (count > MAX_TUPLES_PER_WRITE) {
    throw new AccessError(
      'exceeded_entity_limit',
      `a write takes at most ${MAX_TUPLES_PER_WRITE} tuples, not ${count}`,
    );
  }
  const seen = new Set<string>();
  for (const tuple of [...writes, ...deletes]) {
    const identity = tupleIdentity(tuple);
    if (seen.has(identity)) {
      throw new AccessError(
        'cannot_allow_duplicate_tuples_in_one_request',
        `duplicate tuple in one request: ${identity}`,
      );
    }
    seen.add(identity);
  }
  for (const tuple of writes) {
    const problem = tupleProblem(model, tuple);
    if (problem) throw new AccessError('invalid_tuple', `invalid tuple ${describe(tuple)}: ${problem}`);
  }
  // A delete needs only a well-formed key: tuples written under an older model stay deletable.
  for (const tuple of deletes) {
    if (!parseReference(tuple.object, false) || !parseReference(tuple.user, true) || !tuple.relation) {
      throw new AccessError('invalid_tuple', `invalid tuple ${describe(tuple)}`);
    }
  }
}

function describe(tuple: TupleKey): string {
  return tupleIdentity(tuple);
}
