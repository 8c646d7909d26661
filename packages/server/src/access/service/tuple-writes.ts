/**
 * A tuple write request (OpenFGA's Write: writes and deletes together), checked before anything is
 * written and applied inside the caller's tenant transaction: a refusal throws, rolling back the batch.
 */
import { isDeepStrictEqual } from 'node:util';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import type { CompiledModel } from '../engine/model-types.ts';
import { tupleProblem } from '../engine/tuple-validation.ts';
import { parseReference, type TupleRecord } from '../engine/tuples.ts';
import { tupleIdentity } from '../store/tuple-rows.ts';
import { deleteTuples, findTuples, insertTuples } from '../store/tuple-store.ts';
import { AccessError } from './access-error.ts';

/** OpenFGA's limit on the tuples of one write request (writes and deletes together). */
export const MAX_TUPLES_PER_WRITE = 100;

export type TupleKey = Pick<TupleRecord, 'object' | 'relation' | 'user'>;

export interface TupleWrite {
  readonly writes?: readonly TupleRecord[];
  readonly deletes?: readonly TupleKey[];
  /** The model the writes are validated against; the store's latest when omitted. */
  readonly modelId?: string;
  /**
   * OpenFGA's `on_duplicate`: 'ignore' skips a write of a tuple that exists with the same condition
   * (a different condition is still refused); 'error' (the default) refuses the batch.
   */
  readonly onDuplicate?: 'error' | 'ignore';
  /** OpenFGA's `on_missing`: 'ignore' skips a delete of a tuple that does not exist. */
  readonly onMissing?: 'error' | 'ignore';
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
  if (missing.length > 0 && request.onMissing !== 'ignore') {
    throw new AccessError(
      'write_failed_due_to_invalid_input',
      `cannot delete a tuple which does not exist: ${describe(missing[0] as TupleKey)}`,
    );
  }
  const existing = await insertTuples(scope, storeId, writes);
  const conflicting =
    request.onDuplicate === 'ignore' ? await conditionConflicts(scope, storeId, existing) : existing;
  if (conflicting.length > 0) {
    throw new AccessError(
      'write_failed_due_to_invalid_input',
      `cannot write a tuple which already exists: ${describe(conflicting[0] as TupleKey)}`,
    );
  }
}

function refuseMalformed(
  model: CompiledModel,
  writes: readonly TupleRecord[],
  deletes: readonly TupleKey[],
): void {
  const count = writes.length + deletes.length;
  if (count === 0) {
    throw new AccessError('invalid_write_input', 'a write needs at least one tuple to write or delete');
  }
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

/** The existing tuples among `tuples` whose stored condition differs from the one being written. */
async function conditionConflicts(
  scope: TenantScope,
  storeId: string,
  tuples: readonly TupleRecord[],
): Promise<TupleRecord[]> {
  if (tuples.length === 0) return [];
  const stored = new Map(
    (await findTuples(scope, storeId, tuples)).map((tuple) => [tupleIdentity(tuple), tuple]),
  );
  return tuples.filter((tuple) => {
    const current = stored.get(tupleIdentity(tuple));
    return !current || !sameCondition(current.condition, tuple.condition);
  });
}

function sameCondition(a: TupleRecord['condition'], b: TupleRecord['condition']): boolean {
  if (!a || !b) return a === b;
  return a.name === b.name && isDeepStrictEqual(a.context ?? {}, b.context ?? {});
}

function describe(tuple: TupleKey): string {
  return tupleIdentity(tuple);
}
