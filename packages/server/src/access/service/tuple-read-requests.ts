/**
 * OpenFGA's Read and ReadChanges as service calls: a filter parsed from a tuple key, pages of at most
 * 100, and opaque continuation tokens (base64url JSON of the last position, bound to the query).
 */
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { parseReference, type TupleRecord } from '../engine/tuples.ts';
import { readChangePage, readTuplePage, type TupleFilter } from '../store/tuple-reads.ts';
import type { TupleKeyColumns } from '../store/tuple-rows.ts';
import { AccessError } from './access-error.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export interface ReadRequest {
  /** OpenFGA's tuple key filter: `object` is `type:id` or `type:` (then `user` is required). */
  readonly tupleKey?: { readonly object?: string; readonly relation?: string; readonly user?: string };
  readonly pageSize?: number;
  readonly continuationToken?: string;
}

export interface ReadChangesRequest {
  readonly type?: string;
  readonly pageSize?: number;
  readonly continuationToken?: string;
  readonly startTime?: Date;
}

export interface ReadPage {
  readonly tuples: Array<{ tuple: TupleRecord; timestamp: Date }>;
  /** '' when there is no further page. */
  readonly continuationToken: string;
}

export interface ChangesPage {
  readonly changes: Array<{ tuple: TupleRecord; operation: 'write' | 'delete'; timestamp: Date }>;
  /** Always set (as OpenFGA does): the position to poll from next, or the given one when nothing is new. */
  readonly continuationToken: string;
}

export async function readTuples(
  scope: TenantScope,
  storeId: string,
  request: ReadRequest,
): Promise<ReadPage> {
  const filter = readFilter(request.tupleKey);
  const limit = pageSize(request.pageSize);
  const fingerprint = JSON.stringify(filter);
  const after = request.continuationToken
    ? decodeToken<{ q: string; key: TupleKeyColumns }>(
        request.continuationToken,
        (token) => token.q === fingerprint,
      ).key
    : undefined;
  // One row more than the page tells whether another page follows.
  const rows = await readTuplePage(scope, storeId, filter, limit + 1, after);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    tuples: page.map((row) => ({ tuple: row.tuple, timestamp: row.insertedAt })),
    continuationToken: rows.length > limit && last ? encodeToken({ q: fingerprint, key: last.key }) : '',
  };
}

export async function readChanges(
  scope: TenantScope,
  storeId: string,
  request: ReadChangesRequest,
): Promise<ChangesPage> {
  const type = request.type ?? '';
  const afterId = request.continuationToken
    ? decodeToken<{ type: string; id: string }>(request.continuationToken, (token) => token.type === type).id
    : undefined;
  const changes = await readChangePage(scope, storeId, {
    limit: pageSize(request.pageSize),
    ...(request.type ? { objectType: request.type } : {}),
    ...(afterId !== undefined ? { afterId } : {}),
    ...(request.startTime && afterId === undefined ? { since: request.startTime } : {}),
  });
  const last = changes.at(-1);
  return {
    changes: changes.map((change) => ({
      tuple: change.tuple,
      operation: change.operation,
      timestamp: change.changedAt,
    })),
    continuationToken: last ? encodeToken({ type, id: last.id }) : (request.continuationToken ?? ''),
  };
}

function readFilter(key: ReadRequest['tupleKey']): TupleFilter {
  if (!key || (key.object === undefined && key.relation === undefined && key.user === undefined)) return {};
  if (!key.object)
    throw new AccessError('validation_error', "a read filter needs an 'object' (type:id or type:)");
  const filter: { -readonly [K in keyof TupleFilter]: TupleFilter[K] } = {};
  if (key.object.endsWith(':')) {
    if (!key.user) {
      throw new AccessError('validation_error', "a read filter on an object type alone needs a 'user'");
    }
    filter.object_type = key.object.slice(0, -1);
  } else {
    const object = parseReference(key.object, false);
    if (!object) throw new AccessError('validation_error', `invalid object '${key.object}'`);
    filter.object_type = object.type;
    filter.object_id = object.id;
  }
  if (key.relation) filter.relation = key.relation;
  if (key.user) {
    const user = parseReference(key.user, true);
    if (!user) throw new AccessError('validation_error', `invalid user '${key.user}'`);
    filter.user_type = user.type;
    filter.user_id = user.id;
    filter.user_relation = user.relation ?? '';
  }
  return filter;
}

function pageSize(requested: number | undefined): number {
  if (requested === undefined || requested === 0) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(requested) || requested < 1 || requested > MAX_PAGE_SIZE) {
    throw new AccessError('validation_error', `page size must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return requested;
}

function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeToken<T>(token: string, matches: (value: T) => boolean): T {
  let value: T;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    throw new AccessError('invalid_continuation_token', 'invalid continuation token');
  }
  if (typeof value !== 'object' || value === null || !matches(value)) {
    throw new AccessError('invalid_continuation_token', 'the continuation token belongs to another query');
  }
  return value;
}
