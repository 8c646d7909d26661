/**
 * The engine's tuples (`type:id#relation@type:id#relation`) as table columns and back. Callers validate
 * tuples against the model first, so references parse here.
 */
import { parseReference, type TupleRecord } from '../engine/tuples.ts';
import type { FgaTupleColumns } from './tables.ts';

export type TupleKeyColumns = Omit<FgaTupleColumns, 'condition_name' | 'condition_context'>;

export function tupleColumns(tuple: TupleRecord): FgaTupleColumns {
  return {
    ...tupleKeyColumns(tuple),
    condition_name: tuple.condition?.name ?? null,
    condition_context: tuple.condition?.context ? JSON.stringify(tuple.condition.context) : null,
  };
}

/** The columns of the tuple's identity (its condition excluded, as OpenFGA's key is). */
export function tupleKeyColumns(tuple: Pick<TupleRecord, 'object' | 'relation' | 'user'>): TupleKeyColumns {
  const object = parseReference(tuple.object, false);
  const user = parseReference(tuple.user, true);
  if (!object || !user) throw new Error(`unparsable tuple ${tuple.object}#${tuple.relation}@${tuple.user}`);
  return {
    object_type: object.type,
    object_id: object.id,
    relation: tuple.relation,
    user_type: user.type,
    user_id: user.id,
    user_relation: user.relation ?? '',
  };
}

export function tupleFromRow(row: FgaTupleColumns): TupleRecord {
  const user = `${row.user_type}:${row.user_id}${row.user_relation ? `#${row.user_relation}` : ''}`;
  const base = { object: `${row.object_type}:${row.object_id}`, relation: row.relation, user };
  if (row.condition_name === null) return base;
  const context = parsedContext(row.condition_context);
  return {
    ...base,
    condition: context ? { name: row.condition_name, context } : { name: row.condition_name },
  };
}

function parsedContext(value: unknown): Record<string, unknown> | undefined {
  if (value === null || value === undefined) return undefined;
  return (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
}

/** `type:id#relation` → the identity string used to spot duplicates in one batch. */
export function tupleIdentity(tuple: Pick<TupleRecord, 'object' | 'relation' | 'user'>): string {
  return `${tuple.object}#${tuple.relation}@${tuple.user}`;
}
