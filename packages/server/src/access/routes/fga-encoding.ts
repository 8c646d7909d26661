/**
 * Keystone's access records in OpenFGA's JSON: stores, models, tuples, and the opaque continuation
 * tokens of the paged lists the routes page themselves (stores, models).
 */
import { AppError } from '../../platform/errors/app-error.ts';
import type { TupleRecord } from '../engine/tuples.ts';
import type { ModelRecord, StoreRecord } from '../store/store-records.ts';

export function storeJson(store: StoreRecord) {
  return {
    id: store.id,
    name: store.name,
    created_at: store.created_at.toISOString(),
    updated_at: store.updated_at.toISOString(),
    ...(store.deleted_at ? { deleted_at: store.deleted_at.toISOString() } : {}),
  };
}

export function modelJson(record: ModelRecord) {
  return {
    id: record.id,
    schema_version: record.model.schema_version,
    type_definitions: record.model.type_definitions as unknown as Record<string, unknown>[],
    ...(record.model.conditions
      ? { conditions: record.model.conditions as unknown as Record<string, Record<string, unknown>> }
      : {}),
  };
}

export function tupleKeyJson(tuple: TupleRecord) {
  return {
    user: tuple.user,
    relation: tuple.relation,
    object: tuple.object,
    ...(tuple.condition
      ? {
          condition: {
            name: tuple.condition.name,
            ...(tuple.condition.context ? { context: { ...tuple.condition.context } } : {}),
          },
        }
      : {}),
  };
}

/** A page position as an opaque token: the id the next page starts after (or before). */
export function positionToken(id: string | undefined): string {
  return id ? Buffer.from(JSON.stringify({ p: id })).toString('base64url') : '';
}

export function positionFromToken(token: string | undefined): string | undefined {
  if (!token) return undefined;
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { p?: unknown };
    if (typeof value.p === 'string' && value.p.length > 0) return value.p;
  } catch {
    // Falls through to the refusal below.
  }
  throw new AppError('invalid_continuation_token', { detail: 'invalid continuation token' });
}
